package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in the middle of training, then {@code train --resume}: the run must finish with every
 * epoch in the history exactly once and a bundle that evaluates, and with one worker and a fixed
 * seed it must end where an uninterrupted run ends. Runs {@code submit/local.sh} in child JVMs
 * (after {@code package}).
 */
class ResumeIT extends SparkTestBase {
  private static final int EPOCHS = 4;

  /** 10,000 training reviews: an epoch of about 1.5 s on one core. */
  private static final int REVIEWS_PER_LABEL = 5000;

  @TempDir static Path dir;

  @Test
  void killedTrainingResumesAndEndsWhereAnUninterruptedRunEnds() throws Exception {
    String reviews = dir.resolve("reviews").toString();
    String prepared = dir.resolve("prepared").toString();
    // Synthetic reviews, enough of them that an epoch lasts well past the kill below.
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(REVIEWS_PER_LABEL, 5))
            .write(dir.resolve("reviews.tar.gz"));
    assertThat(run(List.of("ingest", "--input", archive.toString(), "--output", reviews))).isZero();
    assertThat(
            run(List.of("prepare", "--input", reviews, "--output", prepared, "--max-len", "100")))
        .isZero();

    String killed = dir.resolve("model").toString();
    List<String> train = trainArgs(prepared, killed);
    String log = runAndKillAfter(train, "epoch 3/" + EPOCHS + ": fitting ...");
    assertThat(log).contains("Checkpoint of epoch 2 written");
    assertThat(Path.of(killed)).doesNotExist();
    assertThat(Path.of(killed + ".checkpoints", "epoch-0002", "state.json")).exists();

    List<String> resume = new ArrayList<>(train);
    resume.add("--resume");
    Path resumeLog = dir.resolve("resume.log");
    assertThat(run(resume, resumeLog)).as(Files.readString(resumeLog)).isZero();
    assertThat(Files.readString(resumeLog)).contains("Resuming from the checkpoint of epoch 2");
    assertThat(Path.of(killed + ".checkpoints")).doesNotExist();

    List<Row> history =
        spark.read().parquet(HistoryDataset.path(killed)).orderBy("epoch").collectAsList();
    assertThat(history).extracting(r -> r.getInt(0)).containsExactly(1, 2, 3, 4);
    assertThat(
            run(
                List.of(
                    "evaluate",
                    "--model",
                    killed,
                    "--input",
                    prepared,
                    "--output",
                    dir.resolve("eval").toString())))
        .isZero();

    String straight = dir.resolve("model-straight").toString();
    assertThat(run(trainArgs(prepared, straight))).isZero();
    List<Row> reference =
        spark.read().parquet(HistoryDataset.path(straight)).orderBy("epoch").collectAsList();
    for (int i = 0; i < EPOCHS; i++) {
      System.out.printf(
          "epoch %d: resumed val loss %.6f acc %.4f, uninterrupted val loss %.6f acc %.4f%n",
          i + 1,
          history.get(i).getDouble(2),
          history.get(i).getDouble(3),
          reference.get(i).getDouble(2),
          reference.get(i).getDouble(3));
      assertThat(history.get(i).getDouble(2))
          .as("validation loss of epoch %d", i + 1)
          .isCloseTo(reference.get(i).getDouble(2), org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  private static List<String> trainArgs(String prepared, String output) {
    return List.of(
        "train",
        "--input",
        prepared,
        "--output",
        output,
        "--epochs",
        Integer.toString(EPOCHS),
        "--workers",
        "1",
        "--seed",
        "7");
  }

  private static ProcessBuilder launcher(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("submit/local.sh");
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("IMDB_RNN_JAVA_OPTS", "-Dspark.master=local[1]");
    pb.environment().put("IMDB_RNN_DRIVER_MEMORY", "3g");
    return pb;
  }

  private static int run(List<String> args) throws Exception {
    return run(args, Files.createTempFile(dir, "run", ".log"));
  }

  private static int run(List<String> args, Path log) throws Exception {
    Process p = launcher(args).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + args + "\n" + Files.readString(log));
    }
    return p.exitValue();
  }

  /** Runs until a log line contains {@code marker}, then kills the JVM with SIGKILL. */
  private static String runAndKillAfter(List<String> args, String marker) throws Exception {
    Process p = launcher(args).start();
    StringBuilder log = new StringBuilder();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.append(line).append('\n');
        if (line.contains(marker)) {
          Thread.sleep(300); // into the epoch, before its end
          // The launcher execs java, so this is the JVM itself: destroyForcibly sends SIGKILL.
          p.destroyForcibly();
          break;
        }
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(1, TimeUnit.MINUTES);
    }
    assertThat(log).as("the run must reach the marker before it ends").contains(marker);
    return log.toString();
  }
}
