package io.imdbrnn.testing;

import io.imdbrnn.cli.ImdbRnnTestAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One command line run in this JVM through the entry point's own path (outcome file included), with
 * its exit code and what it printed.
 */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = ImdbRnnTestAccess.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = ImdbRnnTestAccess.execute(cli, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** The error output is exactly one line (no stack trace, no embedded line breaks). */
  public boolean errIsOneLine() {
    return !err.isEmpty() && err.indexOf('\n') == err.length() - 1;
  }
}
