package io.imdbrnn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options every stage command takes. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "HOCON file with settings to use instead of the defaults (same keys as conf/imdb-rnn.conf).")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description =
          "Set any setting, e.g. --set prepare.max-len=200. Repeatable; named options win.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(
      names = "--dry-run",
      description = "Resolve and check settings and inputs, log them, and stop before any work.")
  boolean dryRun;

  Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }
}
