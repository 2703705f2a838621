package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What later stages will need is checked before the expensive part: {@code run} needs both splits
 * with both labels before it ingests anything; {@code train} needs both labels before the first
 * epoch. Each is exit 2 naming what is missing, with nothing written.
 */
class FailFastTest extends SparkTestBase {
  @TempDir Path dir;

  private Path archive(Predicate<String> keep) {
    SyntheticReviews all = SyntheticReviews.of(6, 21);
    SyntheticReviews kept = new SyntheticReviews();
    all.files()
        .forEach(
            (path, text) -> {
              if (keep.test(path)) {
                kept.put(path, text);
              }
            });
    return new TarGzBuilder().dataset("aclImdb/", kept).write(dir.resolve("in.tar.gz"));
  }

  @Test
  void runWithoutATestSplitStopsBeforeWritingAnything() throws IOException {
    Path archive = archive(p -> p.startsWith("train/"));
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun run = CliRun.of("run", "--input", archive.toString(), "--work-dir", dir + "/work");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).isTrue();
    assertThat(run.err()).contains("no valid reviews in test/pos, test/neg");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void runWithOneLabelMissingInTrainStopsToo() throws IOException {
    Path archive = archive(p -> !p.startsWith("train/neg/"));
    CliRun run = CliRun.of("run", "--input", archive.toString(), "--work-dir", dir + "/work");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("no valid reviews in train/neg");
    assertThat(dir.resolve("work/reviews")).doesNotExist();
  }

  @Test
  void trainingOnOneClassIsRefusedBeforeTheFirstEpoch() throws IOException {
    Path archive = archive(p -> p.contains("/pos/"));
    String reviews = dir + "/reviews";
    String prepared = dir + "/prepared";
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews).exitCode())
        .isZero();
    assertThat(CliRun.of("prepare", "--input", reviews, "--output", prepared).exitCode()).isZero();
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun train =
        CliRun.of("train", "--input", prepared, "--output", dir + "/model", "--epochs", "1");
    assertThat(train.exitCode()).as(train.err()).isEqualTo(2);
    assertThat(train.errIsOneLine()).isTrue();
    assertThat(train.err()).contains("positive and 0 negative reviews").contains("train.input");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }
}
