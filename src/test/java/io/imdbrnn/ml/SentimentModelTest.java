package io.imdbrnn.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.scoring.TextStatus;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML API end to end on synthetic reviews: fit in a Pipeline behind Spark's own
 * SQLTransformer, save and load, identical probabilities after the round trip and through the CLI
 * bundle path, streaming, the SQL function, schema errors and rows that cannot be scored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentimentModelTest extends SparkTestBase {
  private static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType, false)
          .add("body", DataTypes.StringType, true)
          .add("stars", DataTypes.IntegerType, false);

  @TempDir static Path dir;
  private Dataset<Row> reviews;
  private PipelineModel fitted;
  private final List<String> writesDuringFit = new ArrayList<>();

  @BeforeAll
  void fitAPipeline() throws java.util.concurrent.TimeoutException {
    List<Row> rows = new ArrayList<>();
    SyntheticReviews.of(40, 3)
        .files()
        .forEach(
            (path, text) ->
                rows.add(RowFactory.create(path, text, path.contains("/pos/") ? 9 : 2)));
    reviews = spark.createDataFrame(rows, SCHEMA);
    SentimentClassifier classifier =
        new SentimentClassifier()
            .setTextCol("body")
            .setLabelCol("label")
            .setSetting("epochs", 8)
            .setSetting("learning-rate", 0.01)
            .setSetting("max-len", 20)
            .setSetting("vocab-size", 60)
            .setSetting("batch-size", 8)
            .setSetting("workers", 2);
    SQLTransformer labels =
        new SQLTransformer()
            .setStatement(
                "SELECT *, CASE WHEN stars >= 7 THEN 1 ELSE 0 END AS label FROM __THIS__");
    QueryExecutionListener writes = new WriteRecorder(writesDuringFit);
    spark.listenerManager().register(writes);
    try {
      fitted = new Pipeline().setStages(new PipelineStage[] {labels, classifier}).fit(reviews);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.listenerManager().unregister(writes);
    }
  }

  /** Records every command Spark SQL runs that writes data (an insert, a save, a write). */
  private record WriteRecorder(List<String> writes) implements QueryExecutionListener {
    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      String plan = qe.logical().getClass().getSimpleName();
      if (plan.matches(".*(Insert|Save|Write|CreateTable).*")) {
        synchronized (writes) {
          writes.add(funcName + ": " + plan);
        }
      }
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  }

  @Test
  void fitWritesNothing() {
    // Fitting the Estimator prepares and trains on the DataFrame as it is: no intermediate data
    // goes to any filesystem (until 2026-12 it wrote the texts, the prepared ids and a bundle).
    assertThat(writesDuringFit).isEmpty();
    assertThat(fitted.stages()[1]).isInstanceOf(SentimentModel.class);
  }

  private static Map<String, Double> probabilities(Dataset<Row> scored) {
    Map<String, Double> out = new HashMap<>();
    for (Row r : scored.select("id", "probability").collectAsList()) {
      out.put(r.getString(0), r.isNullAt(1) ? null : r.getDouble(1));
    }
    return out;
  }

  @Test
  void everySettingIsAParamWithTheConfigDefault() {
    SentimentClassifier c = new SentimentClassifier();
    assertThat(c.getOrDefault(c.getParam("epochs"))).isEqualTo(10);
    assertThat(c.getOrDefault(c.getParam("learning-rate"))).isEqualTo(0.001);
    assertThat(c.getOrDefault(c.getParam("cell"))).isEqualTo("simple-rnn");
    assertThat(c.getOrDefault(c.getParam("max-len"))).isEqualTo(500);
    assertThat(c.hasParam("checkpoint-dir")).isFalse();
    assertThat(c.explainParams()).contains("embedding-size: Embedding width. (1 to 4096)");
  }

  @Test
  void aBadSettingIsRefusedWhenSetLikeOnTheCommandLine() {
    SentimentClassifier c = new SentimentClassifier().setTextCol("body");
    assertThatThrownBy(() -> c.setSetting("epochs", 0))
        .isInstanceOf(BadInputException.class)
        .hasMessage("Cannot set train.epochs to 0: the value must be from 1 to 1000.");
  }

  @Test
  void savedAndLoadedPipelineGivesIdenticalProbabilities() throws IOException {
    Map<String, Double> before = probabilities(fitted.transform(reviews));
    String path = dir.resolve("pipeline").toString();
    fitted.write().save(path);
    Map<String, Double> after = probabilities(PipelineModel.load(path).transform(reviews));
    assertThat(after).isEqualTo(before);
    assertThat(before.values()).doesNotContainNull();
    long right = fitted.transform(reviews).filter("prediction = label").count();
    assertThat(right).as("training accuracy on 160 easy reviews").isGreaterThan(120);
  }

  @Test
  void aSavedModelIsABundleTheCommandLineScoresTheSame() throws IOException {
    SentimentModel model = (SentimentModel) fitted.stages()[1];
    String path = dir.resolve("bundle").toString();
    model.write().save(path);
    assertThat(Path.of(path, "model.zip")).exists();
    assertThat(Path.of(path, "metadata")).isDirectory();
    String text = "A brilliant, moving and wonderful film.";
    CliRun cli = CliRun.of("predict", "--model", path, "--text", text, "--output-format", "json");
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    double viaCli =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(cli.out().lines().findFirst().orElseThrow())
            .get("probability")
            .asDouble();
    Dataset<Row> one = spark.createDataFrame(List.of(RowFactory.create("x", text, 9)), SCHEMA);
    double viaModel =
        SentimentModel.load(path).setTextCol("body").transform(one).first().getAs("probability");
    assertThat(viaModel).isCloseTo(viaCli, within(1e-6));
    // Saving again needs overwrite, and then replaces only this program's bundle.
    assertThatThrownBy(() -> model.write().save(path)).hasMessageContaining("already exists");
    model.write().overwrite().save(path);
  }

  @Test
  void rowsThatCannotBeScoredGetAStatusNotAFailure() {
    List<Row> rows =
        List.of(
            RowFactory.create("null", null, 1),
            RowFactory.create("empty", "   ", 1),
            RowFactory.create("emoji", "\uD83D\uDE00\uD83D\uDE00", 1),
            RowFactory.create("long", "great ".repeat(300_000), 1),
            RowFactory.create("ok", "great film", 1));
    Map<String, Row> byId = new HashMap<>();
    for (Row r :
        ((SentimentModel) fitted.stages()[1])
            .transform(spark.createDataFrame(rows, SCHEMA))
            .collectAsList()) {
      byId.put(r.getString(0), r);
    }
    assertThat(byId.get("null").<String>getAs("status")).isEqualTo(TextStatus.EMPTY);
    assertThat(byId.get("empty").<String>getAs("status")).isEqualTo(TextStatus.EMPTY);
    assertThat(byId.get("emoji").<String>getAs("status")).isEqualTo(TextStatus.NO_WORDS);
    assertThat(byId.get("long").<String>getAs("status")).isEqualTo(TextStatus.TOO_LONG);
    assertThat(byId.get("ok").<String>getAs("status")).isEqualTo(TextStatus.OK);
    assertThat(byId.get("emoji").isNullAt(byId.get("emoji").fieldIndex("probability"))).isTrue();
    assertThat(byId.get("emoji").isNullAt(byId.get("emoji").fieldIndex("prediction"))).isTrue();
    assertThat(byId.get("ok").<Double>getAs("prediction")).isIn(0.0, 1.0);
    // The class as the training data named it (labels 1 and 0 here), in a column of its own.
    assertThat(byId.get("ok").<String>getAs("predictedLabel"))
        .isEqualTo(byId.get("ok").<Double>getAs("prediction") == 1.0 ? "1" : "0");
    assertThat(byId.get("emoji").isNullAt(byId.get("emoji").fieldIndex("predictedLabel"))).isTrue();
  }

  @Test
  void schemaErrorsNameTheColumn() {
    SentimentModel model = (SentimentModel) fitted.stages()[1];
    assertThatThrownBy(() -> model.transform(reviews.drop("body")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Column 'body' (textCol) is not in the input");
    assertThatThrownBy(() -> model.transform(reviews.withColumn("body", reviews.col("stars"))))
        .hasMessageContaining("Column 'body' (textCol) must be string, not int");
    assertThatThrownBy(
            () -> model.transform(reviews.withColumn("probability", reviews.col("stars"))))
        .hasMessageContaining(
            "Output column 'probability' (probabilityCol) is already in the input");
    assertThatThrownBy(
            () ->
                new SentimentClassifier()
                    .setTextCol("body")
                    .fit(
                        reviews.withColumn(
                            "label", org.apache.spark.sql.functions.array(reviews.col("body")))))
        .hasMessageContaining("Column 'label' (labelCol) must hold numbers, strings or booleans")
        .hasMessageContaining("array<string>");
    assertThatThrownBy(
            () ->
                new SentimentClassifier()
                    .setTextCol("body")
                    .setSetting("epochs", 1)
                    .fit(
                        reviews.withColumn(
                            "label",
                            org.apache.spark.sql.functions.when(reviews.col("stars").gt(5), 1))))
        .hasMessageContaining("Column 'label' (labelCol) is null or empty in");
  }

  @Test
  void theSqlFunctionScoresLikeTransform() {
    SentimentModel model = ((SentimentModel) fitted.stages()[1]).setTextCol("body");
    SentimentModel.registerUdf(spark, "sentiment", model);
    reviews.createOrReplaceTempView("reviews");
    Map<String, Double> sql =
        probabilities(spark.sql("SELECT id, sentiment(body) AS probability FROM reviews"));
    Map<String, Double> transformed = probabilities(model.transform(reviews));
    assertThat(sql.keySet()).isEqualTo(transformed.keySet());
    sql.forEach((id, p) -> assertThat(p).isCloseTo(transformed.get(id), within(1e-6)));
    assertThat(spark.sql("SELECT sentiment('') AS p").first().isNullAt(0)).isTrue();
  }

  @Test
  void aStreamOfTextFilesIsScored() throws Exception {
    Path in = Files.createDirectories(dir.resolve("incoming"));
    Files.writeString(in.resolve("a.txt"), "A wonderful, brilliant film.\n\nAwful and boring.\n");
    Files.writeString(in.resolve("b.txt"), "\uD83D\uDE00\n");
    SentimentModel model = ((SentimentModel) fitted.stages()[1]).setTextCol("value");
    StreamingQuery query =
        model
            .transform(spark.readStream().text(in.toString()))
            .writeStream()
            .format("memory")
            .queryName("scored_stream")
            .trigger(Trigger.AvailableNow())
            .start();
    query.awaitTermination(120_000);
    List<Row> rows =
        spark.sql("SELECT value, status, probability FROM scored_stream").collectAsList();
    Map<String, String> status = new HashMap<>();
    rows.forEach(r -> status.put(r.getString(0), r.getString(1)));
    assertThat(status)
        .containsEntry("A wonderful, brilliant film.", TextStatus.OK)
        .containsEntry("Awful and boring.", TextStatus.OK)
        .containsEntry("", TextStatus.EMPTY)
        .containsEntry("\uD83D\uDE00", TextStatus.NO_WORDS);
  }
}
