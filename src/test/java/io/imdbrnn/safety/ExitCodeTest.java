package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FlakyFileSystem;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes by intent: a malformed checkpoint the user pointed {@code --resume} at is bad input
 * (2, do not retry); the filesystem failing while reading a sound one is transient (1, retry).
 */
class ExitCodeTest extends SparkTestBase {
  @TempDir Path dir;
  private String prepared;

  @BeforeEach
  void preparedData() {
    spark
        .sparkContext()
        .hadoopConfiguration()
        .set("fs.flaky.impl", FlakyFileSystem.class.getName());
    spark.sparkContext().hadoopConfiguration().setBoolean("fs.flaky.impl.disable.cache", true);
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(6, 4))
            .write(dir.resolve("in.tar.gz"));
    String reviews = dir + "/reviews";
    prepared = dir + "/prepared";
    assertThat(CliRun.of("ingest", "--input", archive.toString(), "--output", reviews).exitCode())
        .isZero();
    assertThat(
            CliRun.of("prepare", "--input", reviews, "--output", prepared, "--max-len", "10")
                .exitCode())
        .isZero();
  }

  @AfterEach
  void unregister() {
    spark.sparkContext().hadoopConfiguration().unset("fs.flaky.impl");
  }

  private Path checkpointWithState(String stateJson) throws IOException {
    Path cp = Files.createDirectories(dir.resolve("cp/epoch-0001"));
    Files.writeString(cp.resolve("state.json"), stateJson);
    return cp.getParent();
  }

  private CliRun resume(String checkpoints) {
    return CliRun.of(
        "train",
        "--input",
        prepared,
        "--output",
        dir + "/model",
        "--epochs",
        "1",
        "--resume",
        "--checkpoint-dir",
        checkpoints);
  }

  @Test
  void aMalformedCheckpointIsBadInput() throws IOException {
    Path cp = checkpointWithState("{ this is not a checkpoint");
    CliRun run = resume(cp.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errIsOneLine()).isTrue();
    assertThat(run.err()).contains("state.json in epoch-0001 is malformed");
    assertThat(dir.resolve("model")).doesNotExist();
  }

  @Test
  void aFilesystemFailureWhileResumingIsRetryable() throws IOException {
    Path cp = checkpointWithState("{}");
    CliRun run = resume(FlakyFileSystem.SCHEME + "://" + cp);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("simulated transient failure");
    assertThat(dir.resolve("model")).doesNotExist();
  }
}
