package io.imdbrnn.cli;

import picocli.CommandLine;

/** Lets tests outside this package capture a command's standard output. */
public final class ImdbRnnTestAccess {
  private ImdbRnnTestAccess() {}

  public static CommandLine commandLine() {
    return ImdbRnn.commandLine();
  }

  /** Runs {@code args} on {@code cli} as {@code main} would, without exiting. */
  public static int execute(CommandLine cli, String... args) {
    return ImdbRnn.execute(cli, args);
  }
}
