package io.imdbrnn.cli;

import io.imdbrnn.config.BuildInfo;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.OpenBlasKernels;
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
      OutcomeCommand.class,
      WordVectorsCommand.class,
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

  @CommandLine.Option(
      names = OutcomeFile.OPTION,
      paramLabel = "PATH",
      description =
          "Before the command: write its exit code, status and message to this JSON file when it"
              + " ends (on any Hadoop filesystem), for cluster deploy mode, where spark-submit's"
              + " exit code is not the driver's. Read it back with: imdb-rnn outcome PATH.")
  String outcomeFile;

  /** The one-line message of the failure being reported, for the outcome file. */
  private String failure;

  /** The command a usage error was found in (a failed parse leaves no parse result). */
  private String misusedCommand;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs a command line and returns its exit code; never calls {@code System.exit}. With {@value
   * OutcomeFile#OPTION}, the outcome is written last, once the code is known.
   */
  public static int execute(String... args) {
    return execute(commandLine(), args);
  }

  /** As {@link #execute(String...)} on a command line made by {@link #commandLine()}. */
  static int execute(CommandLine cli, String... args) {
    // Before any command loads ND4J's native backend, which loads OpenBLAS.
    OpenBlasKernels.apply();
    String started = java.time.Instant.now().toString();
    int code = cli.execute(args);
    ImdbRnn root = cli.getCommand();
    if (root.outcomeFile == null) {
      return code;
    }
    String command = root.misusedCommand;
    if (command == null) {
      CommandLine ran = cli;
      while (ran.getParseResult() != null && ran.getParseResult().subcommand() != null) {
        ran = ran.getParseResult().subcommand().commandSpec().commandLine();
      }
      command = ran.getCommandName();
    }
    try {
      OutcomeFile.write(
          io.imdbrnn.runtime.HadoopConfigurations.fromSparkConf(),
          root.outcomeFile,
          OutcomeFile.Outcome.of(command, code, root.failure, started));
    } catch (java.io.IOException | RuntimeException e) {
      // Without the file a scheduler reading it sees no outcome and retries: exit 1 says the same.
      LOG.error("Could not write the outcome file {}", root.outcomeFile, e);
      cli.getErr()
          .println(
              "imdb-rnn: could not write the outcome file "
                  + root.outcomeFile
                  + ": "
                  + ErrorMessages.oneLine(e));
      return code == EXIT_OK || code == EXIT_KEPT ? EXIT_FAILURE : code;
    }
    return code;
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ImdbRnn());
    // Java 17's default charset follows the locale (ASCII in a bare container); results are UTF-8.
    cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setDefaultValueProvider(new ConfigDefaults());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(ImdbRnn::handle);
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, args) -> {
          ImdbRnn root = cli.getCommand();
          root.failure = ErrorMessages.oneLine(e);
          root.misusedCommand = e.getCommandLine().getCommandName();
          return usage.handleParseException(e, args);
        });
    cli.setExecutionStrategy(ImdbRnn::checkOutcomeFileThenRun);
    cli.getSubcommands().values().forEach(sub -> SettingOptions.addTo(sub.getCommandSpec()));
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing a command: ingest, prepare, train, evaluate, predict, generate, run, baseline,"
            + " report, promote or outcome.");
  }

  /**
   * An outcome file is checked before any work, so that a path that is not one (a directory,
   * someone else's file) stops the command instead of being overwritten at its end.
   */
  private static int checkOutcomeFileThenRun(ParseResult parsed) {
    CommandLine cli = parsed.commandSpec().commandLine();
    ImdbRnn root = cli.getCommand();
    if (root.outcomeFile != null) {
      try {
        OutcomeFile.requireWritable(
            io.imdbrnn.runtime.HadoopConfigurations.fromSparkConf(), root.outcomeFile);
      } catch (RuntimeException e) {
        int code = handle(e, cli, parsed);
        // Not ours to write: the command does not run and the file stays as it is.
        root.outcomeFile = null;
        return code;
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static int handle(Exception e, CommandLine cli, ParseResult parsed) {
    String command = cli.getCommandName();
    BadInputException userError = findUserError(e);
    ImdbRnn root = cli.getCommandSpec().root().commandLine().getCommand();
    if (userError != null) {
      // Expected: the user can fix it. One line on stderr and in the log; the trace only at DEBUG.
      String message = ErrorMessages.oneLine(userError);
      LOG.error("{} failed: {}", command, message);
      LOG.debug("{} failed", command, e);
      cli.getErr().println(command + ": " + message);
      root.failure = message;
      return EXIT_BAD_INPUT;
    }
    LOG.error("{} failed", command, e);
    root.failure = ErrorMessages.oneLine(e);
    cli.getErr().println(command + " failed: " + root.failure);
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
