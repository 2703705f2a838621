package io.imdbrnn.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell commands of one README section, as a user would paste them: every line of its {@code
 * bash} code blocks, continuation lines joined, comments and blank lines dropped, and the variable
 * assignments ({@code MASTER=...}, {@code export SPARK_HOME=...}) left out so that a test can give
 * the variables its own values.
 */
final class ReadmeCommands {
  private ReadmeCommands() {}

  static List<String> of(Path readme, String heading) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf(heading);
    if (start < 0) {
      throw new AssertionError(readme + " has no section '" + heading + "'");
    }
    List<String> commands = new ArrayList<>();
    boolean inBash = false;
    StringBuilder command = new StringBuilder();
    for (String raw : lines.subList(start + 1, lines.size())) {
      if (!inBash && raw.startsWith("## ")) {
        break;
      }
      String line = raw.strip();
      if (line.startsWith("```")) {
        inBash = !inBash && line.equals("```bash");
        continue;
      }
      if (!inBash) {
        continue;
      }
      String code = line.replaceFirst("\\s+#.*$", "");
      if (command.length() == 0 && (code.isEmpty() || code.startsWith("#"))) {
        continue;
      }
      if (code.endsWith("\\")) {
        command.append(code, 0, code.length() - 1).append(' ');
        continue;
      }
      command.append(code);
      String done = command.toString().strip();
      command.setLength(0);
      if (!done.matches("(export\\s+)?[A-Z_]+=\\S*")) {
        commands.add(done);
      }
    }
    return commands;
  }
}
