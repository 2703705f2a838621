package io.imdbrnn.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.cli.ImdbRnn;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.FileTree;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import io.imdbrnn.testing.TinyBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The surfaces beside the core stages, fed what a user with bad luck hands them: reviews with null
 * or non-binary labels for the baseline, reviews that lack the evaluated ids for the report, a
 * saved Spark ML model whose metadata was edited or inflated. Each is bad input (exit 2 or {@link
 * BadInputException}) naming the file, and writes nothing.
 */
class HostileSurfacesTest extends SparkTestBase {
  @TempDir Path dir;

  private String ingest(int perClass, long seed, String name) {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(perClass, seed))
            .write(dir.resolve(name + ".tar.gz"));
    String out = dir.resolve(name).toString();
    CliRun run = CliRun.of("ingest", "--input", archive.toString(), "--output", out);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return out;
  }

  private String edited(String name, Dataset<Row> rows) {
    String out = dir.resolve(name).toString();
    rows.write().parquet(out);
    return out;
  }

  @Test
  void theBaselineRefusesNullAndEmptyLabelsAndNullTextsNamingARow() {
    String reviews = ingest(10, 3, "reviews");
    Dataset<Row> all = spark.read().parquet(reviews);
    String nullLabel =
        edited(
            "null-label",
            all.withColumn(
                ReviewsDataset.LABEL,
                functions
                    .when(functions.col("id").startsWith("train/pos/0_"), functions.lit(null))
                    .otherwise(functions.col(ReviewsDataset.LABEL))
                    .cast("string")));
    String emptyLabel =
        edited(
            "empty-label",
            all.withColumn(
                ReviewsDataset.LABEL,
                functions
                    .when(functions.col("id").startsWith("train/pos/1"), functions.lit(" "))
                    .otherwise(functions.col(ReviewsDataset.LABEL))));
    String testId =
        all.filter(functions.col("id").startsWith("test/neg/")).select("id").first().getString(0);
    String nullText =
        edited(
            "null-text",
            all.withColumn(
                ReviewsDataset.TEXT,
                functions
                    .when(functions.col("id").equalTo(testId), functions.lit(null))
                    .otherwise(functions.col(ReviewsDataset.TEXT))
                    .cast("string")));
    assertThat(spark.read().parquet(nullLabel).filter("label is null").count()).isEqualTo(1);

    for (String[] c :
        List.of(
            new String[] {nullLabel, "1 with no label", "train/pos/0_"},
            new String[] {emptyLabel, "with an empty label", "train/pos/1"},
            new String[] {nullText, "1 with no text", testId})) {
      String out = dir.resolve("baseline-" + Path.of(c[0]).getFileName()).toString();
      CliRun run = CliRun.of("baseline", "--input", c[0], "--output", out);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
      assertThat(run.errIsOneLine()).as(run.err()).isTrue();
      assertThat(run.err())
          .contains(c[0])
          .contains("(baseline.input)")
          .contains(c[1])
          .contains(c[2]);
      assertThat(Path.of(out)).doesNotExist();
    }
  }

  @Test
  void theReportRefusesReviewsThatLackTheEvaluatedIdsInsteadOfDroppingFigures() throws Exception {
    String reviews = ingest(10, 5, "reviews");
    String prepared = dir.resolve("prepared").toString();
    String model = dir.resolve("model").toString();
    String evaluation = dir.resolve("evaluation").toString();
    for (String[] args :
        List.of(
            new String[] {"prepare", "--input", reviews, "--output", prepared},
            new String[] {"train", "--input", prepared, "--output", model},
            new String[] {
              "evaluate", "--model", model, "--input", prepared, "--output", evaluation
            })) {
      CliRun run =
          CliRun.of(
              concat(
                  args,
                  "--set",
                  "prepare.max-len=16",
                  "--set",
                  "train.epochs=1",
                  "--set",
                  "train.batch-size=8"));
      assertThat(run.exitCode()).as(run.err()).isZero();
    }
    String partial =
        edited(
            "partial-reviews",
            spark
                .read()
                .parquet(reviews)
                .filter(functions.not(functions.col("id").startsWith("test/pos"))));
    assertThat(
            assertReportRefused(evaluation, model, partial, partial + " (report.reviews) lacks ")
                .err())
        .contains("of the evaluated reviews' ids (e.g. test/pos/");

    // The same reviews twice over would count every review twice.
    String doubled =
        edited(
            "doubled-reviews", spark.read().parquet(reviews).union(spark.read().parquet(reviews)));
    assertReportRefused(evaluation, model, doubled, "holds evaluated ids more than once");

    // An evaluation whose predictions were edited: a NaN probability.
    Path tampered = dir.resolve("tampered-eval");
    org.apache.commons.io.FileUtils.copyDirectory(Path.of(evaluation).toFile(), tampered.toFile());
    Path predictions = tampered.resolve("predictions");
    List<Row> rows =
        spark
            .read()
            .parquet(predictions.toString())
            .withColumn(
                "probability",
                functions
                    .when(functions.col("id").startsWith("test/pos/"), functions.lit(Double.NaN))
                    .otherwise(functions.col("probability")))
            .collectAsList();
    var schema = spark.read().parquet(predictions.toString()).schema();
    org.apache.commons.io.FileUtils.deleteDirectory(predictions.toFile());
    spark.createDataFrame(rows, schema).write().parquet(predictions.toString());
    assertReportRefused(
        tampered.toString(), model, reviews, "(report.evaluation) cannot be trusted");
  }

  private CliRun assertReportRefused(
      String evaluation, String model, String reviews, String message) {
    Path out = dir.resolve("report-" + Math.abs(message.hashCode()));
    CliRun report =
        CliRun.of(
            "report",
            "--evaluation",
            evaluation,
            "--model",
            model,
            "--reviews",
            reviews,
            "--output",
            out.toString());
    assertThat(report.exitCode()).as(report.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(report.errIsOneLine()).as(report.err()).isTrue();
    assertThat(report.err()).contains(message);
    assertThat(out).doesNotExist();
    return report;
  }

  @Test
  void anEstimatorSavedWithTheRetiredWorkDirLoadsAndAnUnknownParamIsRefused() throws Exception {
    String estimator = dir.resolve("older-estimator").toString();
    new io.imdbrnn.ml.SentimentClassifier().setSetting("epochs", 4).write().save(estimator);
    Path part = editableMetadata(estimator);
    String json = Files.readString(part);
    assertThat(json).contains("\"epochs\":4").contains("\"defaultParamMap\":{");
    // As estimators were saved while fit wrote intermediate data under workDir.
    Files.writeString(
        part,
        json.replace("\"epochs\":4", "\"epochs\":4,\"workDir\":\"/tmp/older\"")
            .replace("\"defaultParamMap\":{", "\"defaultParamMap\":{\"workDir\":\"\","));
    io.imdbrnn.ml.SentimentClassifier loaded = io.imdbrnn.ml.SentimentClassifier.load(estimator);
    assertThat(loaded.getOrDefault(loaded.getParam("epochs"))).isEqualTo(4);
    assertThat(loaded.hasParam("workDir")).isFalse();

    Files.writeString(part, json.replace("\"epochs\":4", "\"epochs\":4,\"scratchDir\":\"/x\""));
    assertThatThrownBy(() -> io.imdbrnn.ml.SentimentClassifier.load(estimator))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(estimator)
        .hasMessageContaining("scratchDir");
  }

  @Test
  void aSavedModelWhoseParamsAreOutOfRangeOrWhoseMetadataIsHugeIsRefused() throws Exception {
    String saved = dir.resolve("saved").toString();
    SentimentModel.load(TinyBundle.write(dir.resolve("bundle")).toString()).write().save(saved);
    Path part = editableMetadata(saved);
    String metadata = Files.readString(part);
    assertThat(metadata).contains("\"batch-size\":256");

    Files.writeString(part, metadata.replace("\"batch-size\":256", "\"batch-size\":0"));
    Map<String, String> before = FileTree.snapshot(Path.of(saved));
    assertThatThrownBy(() -> SentimentModel.load(saved))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(saved)
        .hasMessageContaining("batch-size");
    assertThat(FileTree.snapshot(Path.of(saved))).isEqualTo(before);

    Files.writeString(part, "{\"class\":\"" + "x".repeat(3 << 20) + "\"}\n");
    assertThatThrownBy(() -> SentimentModel.load(saved))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(part.getFileName().toString())
        .hasMessageContaining("refusing to read it");

    Files.writeString(part, "{\"class\": 12, ");
    assertThatThrownBy(() -> SentimentModel.load(saved))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("unusable Spark ML metadata");

    // And the Param itself refuses what the setting refuses, in code as in a file.
    SentimentModel model = SentimentModel.load(TinyBundle.write(dir.resolve("b2")).toString());
    assertThatThrownBy(() -> model.setBatchSize(0)).isInstanceOf(IllegalArgumentException.class);
    Dataset<Row> texts =
        spark.createDataset(List.of("great", "awful", "fine"), Encoders.STRING()).toDF("text");
    assertThat(model.setBatchSize(1).transform(texts).count()).isEqualTo(3);
    // The estimator saved with its params is read back the same way.
    String estimator = dir.resolve("estimator").toString();
    new io.imdbrnn.ml.SentimentClassifier().setSetting("epochs", 3).write().save(estimator);
    assertThat(
            io.imdbrnn.ml.SentimentClassifier.load(estimator)
                .getOrDefault(io.imdbrnn.ml.SentimentClassifier.load(estimator).getParam("epochs")))
        .isEqualTo(3);
    Path estimatorPart = editableMetadata(estimator);
    Files.writeString(
        estimatorPart, Files.readString(estimatorPart).replace("\"epochs\":3", "\"epochs\":0"));
    assertThatThrownBy(() -> io.imdbrnn.ml.SentimentClassifier.load(estimator))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("Cannot set train.epochs to 0");
    Files.writeString(estimatorPart, "[" + " ".repeat(2 << 20) + "]");
    assertThatThrownBy(() -> io.imdbrnn.ml.SentimentClassifier.load(estimator))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("refusing to read it");

    // A validated Param still travels with its stage, as Spark's own Params do.
    try (var out = new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())) {
      out.writeObject(model.getParam("batch-size"));
      out.writeObject(new io.imdbrnn.ml.SentimentClassifier().getParam("epochs"));
    }
  }

  /** The saved metadata's part file, without its checksum so that an edit reads back. */
  private static Path editableMetadata(String saved) throws Exception {
    Path part;
    try (var parts = Files.list(Path.of(saved, "metadata"))) {
      part =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(part.resolveSibling("." + part.getFileName() + ".crc"));
    return part;
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
