package io.imdbrnn.cli;

import picocli.CommandLine;

/** Lets tests outside this package capture a command's standard output. */
public final class ImdbRnnTestAccess {
  private ImdbRnnTestAccess() {}

  public static CommandLine commandLine() {
    return ImdbRnn.commandLine();
  }
}
