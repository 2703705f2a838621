package io.imdbrnn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir Path dir;
  private final Configuration conf = new Configuration();

  private AtomicOutput output(boolean overwrite) {
    return new AtomicOutput(conf, dir.resolve("out").toString(), overwrite, "x.output", "x");
  }

  private static String writeMarker(String temp, String text) {
    try {
      Files.createDirectories(Path.of(temp));
      Files.writeString(Path.of(temp, "data.txt"), text);
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Stream<String> entries() throws IOException {
    return Files.list(dir).map(p -> p.getFileName().toString()).sorted();
  }

  @Test
  void completedWorkIsMovedIntoPlaceAndNothingElseRemains() throws IOException {
    output(false).write(temp -> writeMarker(temp, "new"));
    assertThat(Files.readString(dir.resolve("out/data.txt"))).isEqualTo("new");
    assertThat(entries()).containsExactly("out");
  }

  @Test
  void failedWorkLeavesNoOutputAndNoTemporaryFiles() throws IOException {
    assertThatThrownBy(
            () ->
                output(false)
                    .write(
                        temp -> {
                          writeMarker(temp, "partial");
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");
    assertThat(entries()).isEmpty();
  }

  @Test
  void existingOutputNeedsOverwrite() throws IOException {
    output(false).write(temp -> writeMarker(temp, "old"));
    assertThatThrownBy(() -> output(false).write(temp -> writeMarker(temp, "new")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(x.output) already exists. Pass --overwrite to replace it");
    assertThat(Files.readString(dir.resolve("out/data.txt"))).isEqualTo("old");
  }

  @Test
  void overwriteKeepsTheOldOutputUntilTheNewOneIsComplete() throws IOException {
    output(false).write(temp -> writeMarker(temp, "old"));
    assertThatThrownBy(
            () ->
                output(true)
                    .write(
                        temp -> {
                          writeMarker(temp, "half");
                          assertThat(dir.resolve("out/data.txt")).hasContent("old");
                          throw new IllegalStateException("failed mid-way");
                        }))
        .hasMessage("failed mid-way");
    assertThat(Files.readString(dir.resolve("out/data.txt"))).isEqualTo("old");
    assertThat(entries()).containsExactly("out");

    output(true).write(temp -> writeMarker(temp, "new"));
    assertThat(Files.readString(dir.resolve("out/data.txt"))).isEqualTo("new");
    assertThat(entries()).containsExactly("out");
  }

  @Test
  void outputThatIsAFileIsNeverReplaced() throws IOException {
    Files.writeString(dir.resolve("out"), "precious");
    assertThatThrownBy(() -> output(true).write(temp -> writeMarker(temp, "new")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(
            "(x.output) is a file, not a dataset directory; refusing to replace it.");
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("precious");
  }

  @Test
  void outputMayNotOverlapTheInput() {
    AtomicOutput out = output(true);
    assertThatThrownBy(() -> out.checkDistinctFrom(dir.resolve("out").toString(), "x.input"))
        .hasMessageContaining("overlaps input");
    assertThatThrownBy(
            () -> out.checkDistinctFrom(dir.resolve("out/reviews").toString(), "x.input"))
        .hasMessageContaining("overlaps input");
    assertThatThrownBy(() -> out.checkDistinctFrom(dir.toString(), "x.input"))
        .hasMessageContaining("overlaps input");
    out.checkDistinctFrom(dir.resolve("outer").toString(), "x.input");
  }
}
