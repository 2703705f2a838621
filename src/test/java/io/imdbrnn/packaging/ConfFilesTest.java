package io.imdbrnn.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java 17 flags are written in three places that different launchers read: {@code
 * submit/java-opts.sh} (plain {@code java}), {@code pom.xml} (Surefire and Failsafe) and {@code
 * conf/spark-cluster.properties} (drivers and executors that workers start). They must list the
 * same module openings, or one launch path fails with IllegalAccessError.
 */
class ConfFilesTest {
  private static final Pattern OPEN = Pattern.compile("--add-opens=[\\w./]+=ALL-UNNAMED");

  @Test
  void everyLauncherOpensTheSameModules() throws IOException {
    List<String> script = opens(Files.readString(Path.of("submit/java-opts.sh")));
    assertThat(script).hasSizeGreaterThan(5);
    assertThat(opens(Files.readString(Path.of("pom.xml")))).containsAll(script);
    for (String line : Files.readAllLines(Path.of("conf/spark-cluster.properties"))) {
      if (line.startsWith("spark.driver.extraJavaOptions")
          || line.startsWith("spark.executor.extraJavaOptions")) {
        assertThat(opens(line)).as(line).containsExactlyInAnyOrderElementsOf(script);
        assertThat(line).contains("--add-modules=jdk.incubator.vector");
      }
    }
    assertThat(Files.readString(Path.of("conf/spark-cluster.properties")))
        .contains("spark.driver.extraJavaOptions")
        .contains("spark.executor.extraJavaOptions");
  }

  private static List<String> opens(String text) {
    Matcher m = OPEN.matcher(text);
    java.util.Set<String> found = new java.util.LinkedHashSet<>();
    while (m.find()) {
      found.add(m.group());
    }
    return List.copyOf(found);
  }
}
