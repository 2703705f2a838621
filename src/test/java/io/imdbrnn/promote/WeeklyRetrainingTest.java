package io.imdbrnn.promote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.cli.ImdbRnn;
import io.imdbrnn.fs.JsonFiles;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.registry.DecisionLog;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four scheduled runs of the Airflow DAG's task arguments (from {@code imdb_rnn_tasks.py}, the
 * lists the DAG submits), each task run through the CLI as the scheduler would: the first run fills
 * an empty registry, a better one replaces it, a worse one is kept out (exit 3), and a run with a
 * broken archive fails at ingest (exit 2) and leaves the registry alone. Then a rollback. Each week
 * has new reviews, so its vocabulary differs from the champion's.
 */
class WeeklyRetrainingTest extends SparkTestBase {
  private static final List<String> SMALL =
      List.of(
          "prepare.max-len=24",
          "prepare.vocab-size=80",
          "train.batch-size=8",
          "train.workers=2",
          "baseline.min-doc-freq=1",
          // So that the worse week is kept for being worse than the champion, not for the floor.
          "promote.min-accuracy=0.01");

  @TempDir Path dir;

  @Test
  void betterIsPromotedWorseIsKeptBadInputChangesNothingAndRollbackRestores() throws Exception {
    Path root = dir.resolve("data-root");
    String registry = root.resolve("registry").toString();
    Registry files = new Registry(spark.sparkContext().hadoopConfiguration(), registry);

    // Week 1: a weak model (one epoch) into the empty registry.
    Map<String, Integer> week1 = runWeek(root, "2026-11-02", archive(1), "train.epochs=1");
    assertThat(week1).containsEntry("promote", 0);
    String first = champion(registry).modelId();
    assertThat(report(root, "2026-11-02")).contains("<th>model</th><th>baseline</th>");

    // Week 2: trained longer and faster: better, promoted; its report shows the champion it
    // replaced.
    Map<String, Integer> week2 =
        runWeek(root, "2026-11-09", archive(2), "train.epochs=10", "train.learning-rate=0.01");
    assertThat(week2).containsEntry("promote", 0);
    String second = champion(registry).modelId();
    assertThat(second).isNotEqualTo(first);
    assertThat(report(root, "2026-11-09"))
        .contains("<th>model</th><th>champion</th><th>baseline</th>")
        .contains(first);

    // Week 3: a learning rate too small to learn anything: kept out, exit 3.
    Map<String, Integer> week3 =
        runWeek(root, "2026-11-16", archive(3), "train.epochs=1", "train.learning-rate=1.0E-7");
    assertThat(week3).containsEntry("promote", ImdbRnn.EXIT_KEPT);
    assertThat(champion(registry).modelId()).isEqualTo(second);

    // Week 4: the archive is not gzip: ingest fails as bad input and nothing runs after it.
    Path broken = dir.resolve("broken.tar.gz");
    Files.writeString(broken, "not an archive");
    Map<String, Integer> week4 = runWeek(root, "2026-11-23", broken, "train.epochs=1");
    assertThat(week4).containsExactly(Map.entry("ingest", ImdbRnn.EXIT_BAD_INPUT));
    assertThat(champion(registry).modelId()).isEqualTo(second);

    List<Row> log = new DecisionLog(spark, registry).read().collectAsList();
    assertThat(log).hasSize(3);
    assertThat(log)
        .extracting(r -> r.getString(r.fieldIndex("action")))
        .containsExactly("promoted", "promoted", "kept");
    Row kept = log.get(2);
    assertThat(kept.getString(kept.fieldIndex("champion_model_id"))).isEqualTo(second);
    assertThat(kept.getDouble(kept.fieldIndex("candidate_accuracy")))
        .isLessThan(kept.getDouble(kept.fieldIndex("champion_accuracy")) - 0.005);
    assertThat(kept.getString(kept.fieldIndex("reason"))).contains("below the champion's");
    Row better = log.get(1);
    assertThat(better.getString(better.fieldIndex("champion_model_id"))).isEqualTo(first);
    assertThat(better.getDouble(better.fieldIndex("candidate_accuracy")))
        .isGreaterThan(better.getDouble(better.fieldIndex("champion_accuracy")));
    assertThat(better.getLong(better.fieldIndex("reviews"))).isEqualTo(40);
    assertThat(files.problems()).isEmpty();

    // predict and the Spark ML model take the registry for "the model in service".
    assertThat(
            ModelBundle.load(spark.sparkContext().hadoopConfiguration(), registry)
                .manifest()
                .modelId())
        .isEqualTo(second);
    CliRun predicted =
        CliRun.of("predict", "--model", registry, "--text", "a joy to watch, superb acting");
    assertThat(predicted.exitCode()).as(predicted.err()).isZero();

    // Rollback restores the first champion; the decision is logged; a second has nowhere to go.
    CliRun rollback = CliRun.of("promote", "--registry", registry, "--rollback");
    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(champion(registry).modelId()).isEqualTo(first);
    assertThat(SentimentModel.load(registry).bundle().manifest().modelId()).isEqualTo(first);
    assertThat(new DecisionLog(spark, registry).read().count()).isEqualTo(4);
    CliRun again = CliRun.of("promote", "--registry", registry, "--rollback");
    assertThat(again.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(again.err()).contains("no earlier champion to roll back to");
    assertThat(Files.list(Path.of(registry, "models"))).hasSize(2);
  }

  private ChampionPointer champion(String registry) {
    return ModelLocation.champion(spark.sparkContext().hadoopConfiguration(), registry)
        .orElseThrow();
  }

  private String report(Path root, String date) throws Exception {
    return Files.readString(root.resolve("runs/" + date + "/report/report.html"));
  }

  private Path archive(long seed) {
    return new TarGzBuilder()
        .dataset("aclImdb/", SyntheticReviews.of(20, seed))
        .write(dir.resolve("week-" + seed + ".tar.gz"));
  }

  /**
   * Runs the DAG's tasks in order, each after its upstream tasks succeeded, as Airflow would; a
   * task whose upstream failed does not run. Returns each run task's exit code.
   */
  private Map<String, Integer> runWeek(Path root, String date, Path archive, String... train)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "python3",
                "submit/airflow/imdb_rnn_tasks.py",
                "--data-root",
                root.toString(),
                "--run-date",
                date,
                "--archive",
                archive.toString()));
    for (String t : train) {
      cmd.add("--train-setting");
      cmd.add(t);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Map<String, Integer> codes = new LinkedHashMap<>();
    for (String line : out.strip().split("\n")) {
      JsonNode task = JsonFiles.MAPPER.readTree(line);
      boolean upstreamOk = true;
      for (JsonNode up : task.get("upstream")) {
        upstreamOk &= Integer.valueOf(0).equals(codes.get(up.asText()));
      }
      if (!upstreamOk) {
        continue;
      }
      List<String> args = new ArrayList<>();
      task.get("args").forEach(a -> args.add(a.asText()));
      for (String s : SMALL) {
        args.add("--set");
        args.add(s);
      }
      CliRun run = CliRun.of(args.toArray(new String[0]));
      codes.put(task.get("task_id").asText(), run.exitCode());
      if (run.exitCode() == ImdbRnn.EXIT_BAD_INPUT || run.exitCode() == ImdbRnn.EXIT_FAILURE) {
        assertThat(run.errIsOneLine()).as(run.err()).isTrue();
      }
      if (run.exitCode() == ImdbRnn.EXIT_KEPT) {
        assertThat(run.out()).startsWith("kept ");
      }
    }
    return codes;
  }
}
