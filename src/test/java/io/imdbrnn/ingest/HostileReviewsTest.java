package io.imdbrnn.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-review part of the bad-input catalogue (src/site/markdown/safety.md): one bad file
 * among good ones, ingested in failfast mode. Each case must name the file and the problem, write
 * no output, and leave every file outside the output untouched.
 */
class HostileReviewsTest extends SparkTestBase {
  @TempDir Path dir;

  static Stream<Arguments> cases() {
    byte[] binary = {'a', 'b', 0, 1, 2, 'c'};
    byte[] fiveMegabytes =
        "great ".repeat(5 * 1024 * 1024 / 6 + 1).getBytes(StandardCharsets.UTF_8);
    return Stream.of(
        Arguments.of(
            "Latin-1 bytes",
            "train/pos/50_9.txt",
            "Caf\u00e9 cr\u00e8me, tr\u00e8s bien".getBytes(StandardCharsets.ISO_8859_1),
            "not valid UTF-8 (bad byte sequence at offset 3)"),
        Arguments.of("empty review", "train/neg/51_2.txt", new byte[0], "empty or only whitespace"),
        Arguments.of(
            "whitespace-only review",
            "test/pos/52_8.txt",
            " \n\t  \r\n".getBytes(StandardCharsets.UTF_8),
            "empty or only whitespace"),
        Arguments.of("binary file", "test/neg/53_1.txt", binary, "binary content (NUL byte"),
        Arguments.of(
            "5 MB review",
            "train/pos/54_10.txt",
            fiveMegabytes,
            "over the limit of 1048576 bytes (ingest.max-review-bytes)"),
        Arguments.of(
            "file name without a rating",
            "train/neg/55.txt",
            "Fine text.".getBytes(StandardCharsets.UTF_8),
            "file name '55.txt' does not match <id>_<rating>.txt"),
        Arguments.of(
            "rating contradicting its folder",
            "train/pos/56_2.txt",
            "Fine text.".getBytes(StandardCharsets.UTF_8),
            "rating 2 does not fit the pos folder"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badReviewIsNamedAndNothingIsWritten(
      String what, String layoutPath, byte[] content, String reason) throws IOException {
    Path root = SyntheticReviews.of(2, 7).writeDirectory(dir.resolve("in/aclImdb"));
    SyntheticReviews.writeFile(root.resolve(layoutPath), content);
    Map<String, String> before = FileTree.snapshot(dir);
    Path out = dir.resolve("out/reviews");

    assertThatThrownBy(
            () ->
                new IngestJob(
                        spark,
                        io.imdbrnn.testing.IngestSettingsFor.of(
                            root.toString(),
                            out.toString(),
                            MalformedMode.FAILFAST,
                            1 << 20,
                            0,
                            false))
                    .execute())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(root.resolve(layoutPath).toString())
        .hasMessageContaining(reason)
        .hasMessageContaining("nothing was written");
    assertThat(out).doesNotExist();
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }
}
