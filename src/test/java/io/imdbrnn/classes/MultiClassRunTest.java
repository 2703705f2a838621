package io.imdbrnn.classes;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SmallRuns;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.text.ReviewTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of three topics, string labels, from CSV to a K-class bundle, its evaluation and the
 * baseline's, through the commands users run.
 */
class MultiClassRunTest extends SparkTestBase {
  @TempDir Path dir;

  private static final Map<String, String[]> TOPICS =
      Map.of(
          "sports", new String[] {"goal", "match", "team", "coach", "league"},
          "tech", new String[] {"chip", "code", "software", "laptop", "server"},
          "food", new String[] {"recipe", "taste", "dinner", "spice", "bread"});
  private static final String[] FILLER = {"the", "a", "was", "very", "and", "it", "we", "saw"};

  /** Texts of a few topic words among filler words; each topic's words tell it apart. */
  static Path topics(Path file, int perTopic, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("text,topic\n");
    for (int i = 0; i < perTopic; i++) {
      for (Map.Entry<String, String[]> t : new java.util.TreeMap<>(TOPICS).entrySet()) {
        List<String> words = new ArrayList<>();
        for (int w = 0; w < 10; w++) {
          words.add(
              w % 3 == 0
                  ? t.getValue()[random.nextInt(t.getValue().length)]
                  : FILLER[random.nextInt(FILLER.length)]);
        }
        csv.append('"')
            .append(String.join(" ", words))
            .append("\",")
            .append(t.getKey())
            .append('\n');
      }
    }
    Files.createDirectories(file.getParent());
    return Files.writeString(file, csv.toString());
  }

  /** {@code run} on a {@link #topics} table into {@code work}, with more {@code --set} settings. */
  static void runTopics(Path csv, String work, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                csv.toString(),
                "--work-dir",
                work,
                "--set",
                "ingest.label-column=topic"));
    for (String setting : settings) {
      args.add("--set");
      args.add(setting);
    }
    SmallRuns.cli(args.toArray(new String[0]));
  }

  /** The first {@code n} texts of a run's test split, by id. */
  static List<Row> testRows(SparkSession spark, String work, int n) {
    return spark
        .read()
        .parquet(work + "/reviews")
        .filter("split = 'test'")
        .orderBy("id")
        .limit(n)
        .collectAsList();
  }

  /** Each row's text as the tokenizer splits it. */
  static List<List<String>> words(List<Row> rows) {
    return rows.stream()
        .map(r -> ReviewTokenizer.tokenize(r.getString(r.fieldIndex("text"))))
        .toList();
  }

  /** The probabilities a run's {@code evaluate} wrote for each text, by id. */
  static Map<String, List<Double>> evaluatedProbabilities(SparkSession spark, String work) {
    Map<String, List<Double>> evaluated = new HashMap<>();
    spark
        .read()
        .parquet(work + "/evaluation/predictions")
        .collectAsList()
        .forEach(
            r ->
                evaluated.put(
                    r.getString(r.fieldIndex("id")), r.getList(r.fieldIndex("probabilities"))));
    return evaluated;
  }

  /** {@code predict --text} of one text as JSON: its line, read back; the command must succeed. */
  static Map<?, ?> predictOne(String model, String text) throws IOException {
    CliRun predicted =
        CliRun.of("predict", "--model", model, "--text", text, "--output-format", "json");
    assertThat(predicted.exitCode()).as(predicted.err()).isZero();
    return io.imdbrnn.fs.JsonFiles.MAPPER.readValue(
        predicted.out().lines().findFirst().orElseThrow(), Map.class);
  }

  private static CliRun promote(
      String model, String evaluation, String work, String registry, String... more) {
    return io.imdbrnn.testing.PromoteRun.of(model, evaluation, work + "/reviews", registry, more);
  }

  /**
   * Two classes that are not IMDB's neg and pos, as Sentiment140 labels its tweets (0 and 4): the
   * evaluation names them, so the report and promotion accept the model's own evaluation.
   */
  @Test
  void twoClassesOfTheirOwnNamesAreEvaluatedReportedAndPromoted() throws IOException {
    Random random = new Random(11);
    String[][] words = {{"love", "great", "happy"}, {"hate", "awful", "sad"}};
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 160; i++) {
      int c = i % 2;
      csv.append(c == 0 ? "0" : "4").append(",\"");
      for (int w = 0; w < 6; w++) {
        csv.append(w % 2 == 0 ? words[c][random.nextInt(3)] : FILLER[random.nextInt(FILLER.length)])
            .append(' ');
      }
      csv.append("\"\n");
    }
    Path input = dir.resolve("in/tweets.csv");
    Files.createDirectories(input.getParent());
    Files.writeString(input, csv.toString());
    String work = dir.resolve("two").toString();
    SmallRuns.cli(
        "run",
        "--input",
        input.toString(),
        "--work-dir",
        work,
        "--set",
        "ingest.header=false",
        "--set",
        "ingest.label-column=_c0",
        "--set",
        "ingest.text-column=_c1",
        "--set",
        "train.epochs=2");
    Row metrics = spark.read().parquet(work + "/evaluation/metrics").first();
    assertThat(metrics.getList(metrics.fieldIndex("class_names"))).containsExactly("0", "4");
    assertThat(Path.of(work, "report", "report.html")).isRegularFile();
    CliRun promoted =
        promote(work + "/model", work + "/evaluation", work, dir.resolve("registry").toString());
    assertThat(promoted.exitCode()).as(promoted.err()).isZero();

    // Class names read from a file are checked: the same name twice is refused by the report.
    assertReportRefuses(
        work + "/evaluation",
        work + "/model",
        dir.resolve("tampered"),
        Map.of(
            "metrics",
            m ->
                m.withColumn(
                    "class_names",
                    org.apache.spark.sql.functions.array(
                        org.apache.spark.sql.functions.lit("0"),
                        org.apache.spark.sql.functions.lit("0")))),
        "do not name two distinct classes",
        "[0, 0]");
  }

  @Test
  void aThreeClassTableTrainsEvaluatesAndSpeaksTheUsersLabels() throws IOException {
    Path csv = topics(dir.resolve("in/topics.csv"), 100, 5);
    String work = dir.resolve("work").toString();
    runTopics(
        csv,
        work,
        "train.epochs=8",
        "train.learning-rate=0.01",
        "train.cell=gru",
        "train.pooling=max");
    String evaluation = work + "/evaluation";
    Row metrics = spark.read().parquet(evaluation + "/metrics").first();
    assertThat(metrics.getInt(metrics.fieldIndex("classes"))).isEqualTo(3);
    assertThat(metrics.getDouble(metrics.fieldIndex("accuracy"))).isGreaterThan(0.8);
    assertThat(metrics.getDouble(metrics.fieldIndex("top_k_accuracy"))).isEqualTo(1.0);
    assertThat(metrics.getInt(metrics.fieldIndex("top_k"))).isEqualTo(3);

    List<Row> perClass =
        spark.read().parquet(evaluation + "/per_class").orderBy("class_index").collectAsList();
    assertThat(perClass).extracting(r -> r.getString(1)).containsExactly("food", "sports", "tech");
    long support = perClass.stream().mapToLong(r -> r.getLong(r.fieldIndex("support"))).sum();
    assertThat(support).isEqualTo(metrics.getLong(metrics.fieldIndex("n")));

    long confusionTotal =
        spark.read().parquet(evaluation + "/confusion").collectAsList().stream()
            .mapToLong(r -> r.getLong(2))
            .sum();
    assertThat(confusionTotal).isEqualTo(support);

    List<Row> predictions = spark.read().parquet(evaluation + "/predictions").collectAsList();
    assertThat(predictions).hasSize((int) support);
    Map<String, Integer> predicted = new HashMap<>();
    for (Row p : predictions) {
      assertThat(p.getString(p.fieldIndex("label"))).isIn("food", "sports", "tech");
      List<Double> probabilities = p.getList(p.fieldIndex("probabilities"));
      assertThat(probabilities).hasSize(3);
      assertThat(probabilities.stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(p.getDouble(p.fieldIndex("probability")))
          .isEqualTo(probabilities.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
      predicted.merge(p.getString(p.fieldIndex("predicted_label")), 1, Integer::sum);
    }
    assertThat(predicted.keySet()).containsExactlyInAnyOrder("food", "sports", "tech");

    // predict speaks the user's labels, on this machine and across the cluster.
    CliRun local =
        CliRun.of(
            "predict",
            "--model",
            work + "/model",
            "--text",
            "the coach saw the team score a goal in the league match",
            "--text",
            "!!!",
            "--output-format",
            "json");
    assertThat(local.exitCode()).as(local.err()).isZero();
    List<String> lines = local.out().lines().toList();
    assertThat(lines).hasSize(2);
    Map<?, ?> first =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(lines.get(0), Map.class);
    assertThat(first.get("label")).isEqualTo("sports");
    assertThat(new ArrayList<Object>(((Map<?, ?>) first.get("probabilities")).keySet()))
        .containsExactly("food", "sports", "tech");
    assertThat(lines.get(1)).contains("\"status\":\"no-words\"");

    Path texts =
        Files.writeString(dir.resolve("texts.csv"), "text\nspice bread taste recipe\n\"\"\n");
    CliRun dataset =
        CliRun.of(
            "predict",
            "--model",
            work + "/model",
            "--input",
            texts.toString(),
            "--output",
            dir + "/scored");
    assertThat(dataset.exitCode()).as(dataset.err()).isZero();
    List<Row> scored = spark.read().parquet(dir + "/scored").orderBy("status").collectAsList();
    assertThat(scored).hasSize(2);
    Row ok = scored.get(1);
    assertThat(ok.getString(ok.fieldIndex("status"))).isEqualTo("ok");
    assertThat(ok.getString(ok.fieldIndex("predicted_label"))).isEqualTo("food");
    assertThat(ok.getList(ok.fieldIndex("probabilities"))).hasSize(3);
    assertThat(scored.get(0).isNullAt(scored.get(0).fieldIndex("predicted_label"))).isTrue();

    // Data of other classes is refused by evaluate: its class indexes would mean other classes.
    Path other =
        Files.writeString(
            dir.resolve("in/other.csv"),
            "text,topic,part\na goal,sports,train\nsome code,tech,train\nrain,weather,train\n");
    SmallRuns.cli(
        "ingest",
        "--input",
        other.toString(),
        "--output",
        dir + "/other-texts",
        "--set",
        "ingest.label-column=topic",
        "--set",
        "ingest.split-column=part");
    SmallRuns.cli("prepare", "--input", dir + "/other-texts", "--output", dir + "/other-prepared");
    CliRun refused =
        CliRun.of(
            "evaluate",
            "--model",
            work + "/model",
            "--input",
            dir + "/other-prepared",
            "--output",
            dir + "/other-evaluation",
            "--split",
            "train");
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err())
        .contains("tells apart the classes [food, sports, tech]")
        .contains("[sports, tech, weather]");

    // run wrote the K-class report: per-class F1, a heat map, the worst mistakes per class.
    Path page = Path.of(work, "report", "report.html");
    assertThat(Files.readString(page))
        .contains("<td>macro-F1</td>")
        .contains("<h2>Per class</h2>")
        .contains("<td>sports</td>")
        .contains("confusion-model.png");
    assertThat(Path.of(work, "report", "confusion-model.png")).isRegularFile();
    assertThat(Path.of(work, "report", "f1-by-class.png")).isRegularFile();

    // Promotion on accuracy, which every K has; the champion is re-scored on the candidate's texts.
    String registry = dir.resolve("registry").toString();
    CliRun promoted = promote(work + "/model", evaluation, work, registry);
    assertThat(promoted.exitCode()).as(promoted.err()).isZero();
    SmallRuns.cli(
        "train",
        "--input",
        work + "/prepared",
        "--output",
        dir + "/weak-model",
        "--set",
        "train.epochs=1",
        "--set",
        "train.learning-rate=1.0E-7",
        "--set",
        "train.class-weights=balanced");
    SmallRuns.cli(
        "evaluate",
        "--model",
        dir + "/weak-model",
        "--input",
        work + "/prepared",
        "--output",
        dir + "/weak-evaluation");
    CliRun weak =
        promote(
            dir + "/weak-model",
            dir + "/weak-evaluation",
            work,
            registry,
            "--set",
            "promote.min-accuracy=0");
    assertThat(weak.exitCode()).as(weak.err()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_KEPT);
    assertThat(
            new io.imdbrnn.registry.DecisionLog(spark, registry)
                .read()
                .orderBy("decided_at")
                .collectAsList())
        .extracting(r -> r.getString(r.fieldIndex("reason")))
        .hasSize(2)
        .last()
        .asString()
        .contains("below the champion's");
    CliRun compared =
        CliRun.of(
            "report",
            "--evaluation",
            dir + "/weak-evaluation",
            "--model",
            dir + "/weak-model",
            "--registry",
            registry,
            "--reviews",
            work + "/reviews",
            "--output",
            dir + "/weak-report");
    assertThat(compared.exitCode()).as(compared.err()).isZero();
    assertThat(Files.readString(dir.resolve("weak-report/report.html")))
        .contains("<th>model</th><th>champion</th>")
        .contains("<th>F1 model</th><th>F1 champion</th>");

    // A K-class evaluation edited by hand is refused, and nothing is promoted.
    Path forged = dir.resolve("forged");
    for (String part : List.of("metrics", "per_class", "confusion")) {
      spark.read().parquet(evaluation + "/" + part).write().parquet(forged + "/" + part);
    }
    spark
        .read()
        .parquet(evaluation + "/predictions")
        .withColumn("predicted_label", org.apache.spark.sql.functions.lit("food"))
        .write()
        .parquet(forged + "/predictions");
    CliRun refusedForgery =
        promote(work + "/model", forged.toString(), work, dir.resolve("registry-2").toString());
    assertThat(refusedForgery.exitCode()).as(refusedForgery.err()).isEqualTo(2);
    assertThat(refusedForgery.err()).contains("cannot be trusted").contains("predicted_label");
    assertThat(dir.resolve("registry-2")).doesNotExist();

    // A per_class/ that does not number the classes 0..K-1 once each is refused by the report.
    assertReportRefuses(
        evaluation,
        work + "/model",
        dir.resolve("renumbered"),
        Map.of(
            "per_class", d -> d.withColumn("class_index", org.apache.spark.sql.functions.lit(0))),
        "do not number the classes 0, 1, ... once each");
    // A K-class evaluation cut down to two classes would be read in the wrong form: refused.
    assertReportRefuses(
        evaluation,
        work + "/model",
        dir.resolve("two-of-them"),
        Map.of(
            "metrics",
            d -> d.withColumn("classes", org.apache.spark.sql.functions.lit(2)),
            "per_class",
            d -> d.filter("class_index < 2")),
        "written in the K-class form but names two classes");

    io.imdbrnn.ml.SentimentModel loaded = io.imdbrnn.ml.SentimentModel.load(work + "/model");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> io.imdbrnn.ml.SentimentModel.registerUdf(spark, "topic", loaded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tells 3 classes apart");

    // The baseline reads the same texts as multinomial logistic regression.
    CliRun baseline =
        CliRun.of("baseline", "--input", work + "/reviews", "--output", dir + "/baseline");
    assertThat(baseline.exitCode()).as(baseline.err()).isZero();
    Row b = spark.read().parquet(dir + "/baseline/metrics").first();
    assertThat(b.getInt(b.fieldIndex("classes"))).isEqualTo(3);
    assertThat(b.getDouble(b.fieldIndex("accuracy"))).isGreaterThan(0.8);
  }

  /**
   * A copy of {@code evaluation} with some parts changed by {@code edits} is refused by {@code
   * report} with {@code messages}, and no report is written.
   */
  private void assertReportRefuses(
      String evaluation,
      String model,
      Path copy,
      Map<String, java.util.function.UnaryOperator<Dataset<Row>>> edits,
      String... messages) {
    for (String part : List.of("metrics", "per_class", "confusion", "predictions")) {
      if (!Files.isDirectory(Path.of(evaluation, part))) {
        continue; // a two-class evaluation has no per-class tables
      }
      Dataset<Row> original = spark.read().parquet(evaluation + "/" + part);
      edits
          .getOrDefault(part, java.util.function.UnaryOperator.identity())
          .apply(original)
          .write()
          .parquet(copy + "/" + part);
    }
    Path report = copy.resolveSibling(copy.getFileName() + "-report");
    CliRun refused =
        CliRun.of(
            "report",
            "--evaluation",
            copy.toString(),
            "--model",
            model,
            "--output",
            report.toString());
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains(messages);
    assertThat(report).doesNotExist();
  }
}
