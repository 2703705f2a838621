package io.imdbrnn.cli;

import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.errors.BadInputException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/**
 * Entry point. Exit codes, for schedulers: 0 success (for {@code promote}: promoted); 3 {@code
 * promote} kept the champion; 2 bad usage, settings or input, decided by intent ({@link
 * BadInputException}: fix and rerun, a retry will fail the same way); 1 any other failure, I/O
 * errors included (possibly transient, worth a retry).
 */
@Command(
    name = "imdb-rnn",
    mixinStandardHelpOptions = true,
    versionProvider = ImdbRnn.Version.class,
    subcommands = {
      IngestCommand.class,
      PrepareCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      GenerateCommand.class,
      RunCommand.class,
      BaselineCommand.class,
      ReportCommand.class,
      PromoteCommand.class,
      CommandLine.HelpCommand.class
    },
    description =
        "Train recurrent networks on IMDB-style review text with Spark and Deeplearning4j.")
public final class ImdbRnn implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;

  /** {@code promote} kept the champion: a normal outcome a scheduler can branch on. */
  public static final int EXIT_KEPT = 3;

  private static final Logger LOG = LoggerFactory.getLogger(ImdbRnn.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; never calls {@code System.exit}. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ImdbRnn());
    // Java 17's default charset follows the locale (ASCII in a bare container); results are UTF-8.
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setDefaultValueProvider(new ConfigDefaults());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(ImdbRnn::handle);
    cli.getSubcommands().values().forEach(sub -> SettingOptions.addTo(sub.getCommandSpec()));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing a command: ingest, prepare, train, evaluate, predict, run, baseline, report or"
            + " promote.");
  }

  private static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    String command = cli.getCommandName();
    BadInputException userError = findUserError(e);
    if (userError != null) {
      // Expected: the user can fix it. One line on stderr and in the log; the trace only at DEBUG.
      String message = ErrorMessages.oneLine(userError);
      LOG.error("{} failed: {}", command, message);
      LOG.debug("{} failed", command, e);
      cli.getErr().println(command + ": " + message);
      return EXIT_BAD_INPUT;
    }
    LOG.error("{} failed", command, e);
    cli.getErr().println(command + " failed: " + ErrorMessages.oneLine(e));
    return EXIT_FAILURE;
  }

  /**
   * Bad input is a {@link BadInputException}, also when Spark wraps it from an executor task. Any
   * other exception, a library's {@code IllegalArgumentException} or an I/O error included, is exit
   * 1: possibly transient, so a scheduler may retry it.
   */
  private static BadInputException findUserError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadInputException bad) {
        return bad;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "imdb-rnn-spark " + BuildInfo.version(),
        "Spark "
            + org.apache.spark.package$.MODULE$.SPARK_VERSION()
            + ", Java "
            + System.getProperty("java.version")
      };
    }
  }
}
