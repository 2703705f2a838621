package io.imdbrnn.promote;

import static io.imdbrnn.testing.SmallRuns.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.bundle.ChampionPointer;
import io.imdbrnn.bundle.ModelLocation;
import io.imdbrnn.registry.DecisionLog;
import io.imdbrnn.registry.Registry;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a {@code promote} JVM (SIGKILL: no shutdown hook, no finally) at random moments of its run
 * and checks, after each kill, the registry a reader sees: a valid pointer to a complete bundle,
 * the old champion or the new, and a readable decision log. A last, uninterrupted run finishes the
 * job: the candidate is champion and the log holds exactly one row for it, whether the killed runs
 * got as far as the pointer or not.
 */
class PromoteKillTest extends SparkTestBase {
  /** Log lines of a promotion's steps, in order; the last comes after the log row is written. */
  private static final List<String> KILL_AFTER =
      List.of(
          "promote: loading the candidate",
          "promote: re-scoring the champion",
          "promote: copying the candidate into the registry",
          "promote: copying the candidate into the registry",
          "promote: recording the decision",
          "Promotion decision");

  @TempDir Path dir;

  @Test
  void aPromotionKilledAnywhereLeavesAValidRegistry() throws Exception {
    Path work = dir.resolve("work");
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 21))
            .write(dir.resolve("a.tar.gz"));
    cli("run", "--input", archive.toString(), "--work-dir", work.toString());
    String prepared = work.resolve("prepared").toString();
    String reviews = work.resolve("reviews").toString();
    String candidate = dir.resolve("candidate").toString();
    String evaluation = dir.resolve("candidate-eval").toString();
    cli("train", "--input", prepared, "--output", candidate, "--set", "train.seed=7");
    cli("evaluate", "--model", candidate, "--input", prepared, "--output", evaluation);

    Path registry = dir.resolve("registry");
    assertThat(
            promote(work.resolve("model").toString(), work.resolve("evaluation"), reviews, registry)
                .exitCode())
        .isZero();
    String first = champion(registry).modelId();

    // Bad input changes nothing: an evaluation of another model, a train-split evaluation.
    CliRun mismatched = promote(candidate, work.resolve("evaluation"), reviews, registry);
    assertThat(mismatched.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(mismatched.err())
        .contains("(promote.evaluation) is of model " + first + ", not of the candidate");
    String trainEvaluation = dir.resolve("train-eval").toString();
    cli(
        "evaluate",
        "--model",
        candidate,
        "--input",
        prepared,
        "--output",
        trainEvaluation,
        "--split",
        "train");
    CliRun onTrain = promote(candidate, Path.of(trainEvaluation), reviews, registry);
    assertThat(onTrain.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(onTrain.err()).contains("scored the train split");
    // Reviews that are not the evaluation's (a smaller dataset lacks most of its ids).
    Path other =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(5, 3))
            .write(dir.resolve("other.tar.gz"));
    String otherReviews = dir.resolve("other-reviews").toString();
    cli("ingest", "--input", other.toString(), "--output", otherReviews);
    CliRun wrongReviews = promote(candidate, Path.of(evaluation), otherReviews, registry);
    assertThat(wrongReviews.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(wrongReviews.err())
        .contains("Reviews dataset " + otherReviews + " lacks")
        .contains("it is not the data the evaluation was prepared from");
    CliRun registryAsCandidate =
        promote(registry.toString(), Path.of(evaluation), reviews, registry);
    assertThat(registryAsCandidate.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(registryAsCandidate.err()).contains("is a model registry, not a candidate bundle");
    CliRun noReviews =
        CliRun.of(
            "promote",
            "--model",
            candidate,
            "--evaluation",
            evaluation,
            "--registry",
            registry.toString());
    assertThat(noReviews.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(noReviews.err())
        .contains("promote.reviews is required unless promote.rollback is set.");
    // report: a champion needs the reviews to be re-scored on; a baseline must share the reviews.
    CliRun reportWithoutReviews =
        CliRun.of(
            "report",
            "--evaluation",
            evaluation,
            "--model",
            candidate,
            "--registry",
            registry.toString(),
            "--output",
            dir.resolve("report-a").toString());
    assertThat(reportWithoutReviews.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(reportWithoutReviews.err()).contains("report.registry needs report.reviews");
    String otherBaseline = dir.resolve("other-baseline").toString();
    cli(
        "baseline",
        "--input",
        otherReviews,
        "--output",
        otherBaseline,
        "--set",
        "baseline.min-doc-freq=1");
    CliRun reportOtherBaseline =
        CliRun.of(
            "report",
            "--evaluation",
            evaluation,
            "--model",
            candidate,
            "--reviews",
            reviews,
            "--baseline",
            otherBaseline,
            "--output",
            dir.resolve("report-b").toString());
    assertThat(reportOtherBaseline.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(reportOtherBaseline.err())
        .contains("(report.baseline) scored")
        .contains("it must be evaluated on the same test texts");
    assertThat(dir.resolve("report-a")).doesNotExist();
    assertThat(dir.resolve("report-b")).doesNotExist();
    assertThat(champion(registry).modelId()).isEqualTo(first);
    assertThat(new DecisionLog(spark, registry.toString()).read().count()).isEqualTo(1);

    List<String> promote =
        List.of(
            "promote",
            "--model",
            candidate,
            "--evaluation",
            evaluation,
            "--reviews",
            reviews,
            // The candidate must win for every stage of a promotion to be reachable.
            "--set",
            "promote.tolerance=1.0");
    // Each kill interrupts a promotion into a fresh copy of the registry, after one step of the
    // promotion has started (its log line) and a random few milliseconds more, so every step is
    // interrupted somewhere, not only the JVM's start-up. Then an uninterrupted run finishes it.
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int k = 0; k < KILL_AFTER.size(); k++) {
      String step = KILL_AFTER.get(k);
      Path copy = dir.resolve("registry-" + k);
      org.apache.commons.io.FileUtils.copyDirectory(registry.toFile(), copy.toFile());
      long extra = random.nextInt(300);
      String context = "killed " + extra + " ms after '" + step + "' (seed " + seed + ")";
      boolean killed = killAfter(promoteJvm(promote, copy), step, extra);
      System.out.println("PromoteKillTest: " + context + (killed ? "" : ": it had finished"));
      Registry files = new Registry(spark.sparkContext().hadoopConfiguration(), copy.toString());
      assertThat(files.problems()).as(context).isEmpty();
      String now = champion(copy).modelId();
      assertThat(now.equals(first) || now.equals(candidateId(candidate))).as(context).isTrue();
      assertThat(new DecisionLog(spark, copy.toString()).read().count())
          .as(context)
          .isBetween(1L, 2L);

      CliRun last =
          CliRun.of(
              Stream.concat(promote.stream(), Stream.of("--registry", copy.toString()))
                  .toArray(String[]::new));
      assertThat(last.exitCode()).as(context + "\n" + last.err()).isZero();
      assertThat(champion(copy).modelId()).as(context).isEqualTo(candidateId(candidate));
      List<Row> rows =
          new DecisionLog(spark, copy.toString())
              .read()
              .filter("candidate_model_id = '" + candidateId(candidate) + "'")
              .collectAsList();
      assertThat(rows).as(context).hasSize(1);
      assertThat(rows.get(0).getString(rows.get(0).fieldIndex("action"))).isEqualTo("promoted");
      try (Stream<Path> models = Files.list(copy.resolve("models"))) {
        assertThat(models.map(p -> p.getFileName().toString()))
            .as(context + ": staging is swept")
            .containsExactlyInAnyOrder(first, candidateId(candidate));
      }
    }

    // The window between the pointer and the log row, made on purpose: the row is lost, and the
    // next run (here a retried promotion of the same candidate) records it from the pointer.
    Path healed = dir.resolve("registry-0");
    try (Stream<Path> rows = Files.list(healed.resolve("decisions"))) {
      for (Path row :
          rows.filter(r -> r.toString().contains(champion(healed).decisionId())).toList()) {
        Files.delete(row);
      }
    }
    assertThat(new DecisionLog(spark, healed.toString()).contains(champion(healed).decisionId()))
        .isFalse();
    CliRun retried =
        CliRun.of(
            Stream.concat(promote.stream(), Stream.of("--registry", healed.toString()))
                .toArray(String[]::new));
    assertThat(retried.exitCode()).as(retried.err()).isZero();
    assertThat(new DecisionLog(spark, healed.toString()).contains(champion(healed).decisionId()))
        .isTrue();
  }

  private static CliRun promote(String model, Path evaluation, String reviews, Path registry) {
    return CliRun.of(
        "promote",
        "--model",
        model,
        "--evaluation",
        evaluation.toString(),
        "--reviews",
        reviews,
        "--registry",
        registry.toString());
  }

  private String candidateId(String bundle) throws Exception {
    return io.imdbrnn.fs.JsonFiles.MAPPER
        .readTree(Path.of(bundle, "manifest.json").toFile())
        .get("modelId")
        .asText();
  }

  private ChampionPointer champion(Path registry) {
    return ModelLocation.champion(spark.sparkContext().hadoopConfiguration(), registry.toString())
        .orElseThrow();
  }

  /**
   * Kills {@code p} (SIGKILL) {@code extraMillis} after it logs a line containing {@code step};
   * false if it exited before.
   */
  private static boolean killAfter(Process p, String step, long extraMillis) throws Exception {
    try (java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.contains(step)) {
          Thread.sleep(extraMillis);
          boolean alive = p.isAlive();
          p.destroyForcibly().waitFor();
          return alive;
        }
      }
    }
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return false;
  }

  /** {@code imdb-rnn promote} in a JVM of its own, as spark-submit would start it. */
  private static Process promoteJvm(List<String> promote, Path registry) throws Exception {
    List<String> args = new ArrayList<>(promote);
    args.add("--registry");
    args.add(registry.toString());
    return io.imdbrnn.testing.CliJvm.start(args);
  }
}
