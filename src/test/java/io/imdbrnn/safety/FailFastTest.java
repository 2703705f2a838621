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
 * and two classes in the train split before it writes anything; {@code train} needs two classes
 * before the first epoch. Each is exit 2 naming what is missing, with nothing written.
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
    assertThat(run.err()).contains("has 12 train and 0 test texts");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }

  @Test
  void runWithOneLabelMissingInTrainStopsToo() throws IOException {
    Path archive = archive(p -> !p.startsWith("train/neg/"));
    CliRun run = CliRun.of("run", "--input", archive.toString(), "--work-dir", dir + "/work");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("the train split has one class only ({pos=6})");
    assertThat(dir.resolve("work/reviews")).doesNotExist();
  }

  @Test
  void trainingOnOneClassIsRefusedBeforeTheFirstEpoch() throws IOException {
    // Ingest and prepare refuse one class; a prepared dataset edited by another tool reaches the
    // training's own check, which counts the classes of the rows it would fit.
    Path archive = archive(p -> true);
    String reviews = dir + "/reviews";
    String prepared = dir + "/prepared";
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews).exitCode())
        .isZero();
    assertThat(CliRun.of("prepare", "--input", reviews, "--output", prepared).exitCode()).isZero();
    String edited = dir + "/edited";
    java.nio.file.Files.createDirectories(Path.of(edited));
    java.nio.file.Files.copy(Path.of(prepared, "prepare.json"), Path.of(edited, "prepare.json"));
    spark.read().parquet(prepared + "/vocabulary").write().parquet(edited + "/vocabulary");
    spark
        .read()
        .parquet(prepared + "/tokens")
        .withColumn("label", org.apache.spark.sql.functions.lit(1))
        .write()
        .parquet(edited + "/tokens");
    Map<String, String> before = FileTree.snapshot(dir);
    CliRun train =
        CliRun.of("train", "--input", edited, "--output", dir + "/model", "--epochs", "1");
    assertThat(train.exitCode()).as(train.err()).isEqualTo(2);
    assertThat(train.errIsOneLine()).isTrue();
    assertThat(train.err()).contains("texts of 1 class for fitting").contains("train.input");
    assertThat(FileTree.snapshot(dir)).isEqualTo(before);
  }
}
