package io.imdbrnn.testing;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code imdb-rnn} in a JVM of its own, as spark-submit would start it ({@code local[1]}, the test
 * JVM's opens and class path), for tests that kill a run or run two at once.
 */
public final class CliJvm {
  private CliJvm() {}

  /** Starts the command; its standard output and error are merged. */
  public static Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-")) {
        cmd.add(arg);
      }
    }
    cmd.add("-Xmx1g");
    for (String line : Files.readAllLines(Path.of("conf/spark-local.properties"))) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        String[] kv = t.split("\\s+", 2);
        cmd.add("-D" + kv[0] + "=" + kv[1]);
      }
    }
    cmd.add("-Dspark.master=local[1]");
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dspark.driver.host=127.0.0.1");
    cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.imdbrnn.cli.ImdbRnn");
    cmd.addAll(args);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .directory(new File(System.getProperty("user.dir")))
        .start();
  }
}
