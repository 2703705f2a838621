package io.imdbrnn.cli;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.HadoopConfigurations;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads an outcome file back and exits with the code it records, so that a scheduler learns a
 * cluster-mode driver's result as it would a client-mode one. Needs no Spark session.
 */
@Command(
    name = "outcome",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
      "Exit with the code an earlier command recorded with --outcome-file PATH (0 succeeded, 1"
          + " failed, 2 bad input, 3 promote kept the champion), printing its status and message.",
      "No file at PATH means the driver ended before writing it (killed, out of memory, lost):"
          + " exit 1, so a scheduler retries. A file this program did not write is exit 2."
    })
final class OutcomeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "The outcome file, on any Hadoop filesystem.")
  String path;

  @Option(
      names = "--command",
      paramLabel = "NAME",
      description = "Require the outcome of this command (e.g. ingest): another one is exit 2.")
  String command;

  @Override
  public Integer call() throws Exception {
    Optional<OutcomeFile.Outcome> read =
        OutcomeFile.read(HadoopConfigurations.fromSparkConf(), path);
    if (read.isEmpty()) {
      throw new IllegalStateException(
          "No outcome at "
              + path
              + ": the command ended before writing it (killed, out of memory, or its driver was"
              + " lost); see the driver's log.");
    }
    OutcomeFile.Outcome o = read.get();
    if (command != null && !command.equals(o.command())) {
      throw new BadInputException(
          String.format(
              "%s records the outcome of '%s', not of '%s'.", path, o.command(), command));
    }
    spec.commandLine()
        .getOut()
        .println(
            o.command()
                + " "
                + o.status()
                + " (exit "
                + o.exitCode()
                + ") at "
                + o.finishedAt()
                + " on "
                + o.host()
                + (o.message() == null ? "" : ": " + ErrorMessages.escapeControls(o.message())));
    return o.exitCode();
  }
}
