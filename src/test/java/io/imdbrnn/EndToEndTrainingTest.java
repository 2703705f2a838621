package io.imdbrnn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.cli.ImdbRnn;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.MalformedMode;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.pipeline.EvaluateJob;
import io.imdbrnn.pipeline.PrepareJob;
import io.imdbrnn.pipeline.TrainJob;
import io.imdbrnn.pipeline.TrainResult;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.TextScorer;
import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SharedData;
import io.imdbrnn.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ingest → prepare → train → evaluate on about 25,000 real reviews (a seeded 50 % sample of each
 * split), sequences of 200 ids, up to 3 epochs on 2 workers with early stopping (patience 1, best
 * epoch restored: a ReLU RNN can diverge in any one epoch): the network must learn (test accuracy
 * above 0.70) and every output must have its documented schema and row count. Trained twice, plain
 * and with masked padding and length bucketing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTrainingTest extends SparkTestBase {
  @TempDir static Path dir;

  private String prepared;
  private TrainResult trained;
  private BinaryMetrics metrics;
  private TrainResult maskedTrained;
  private BinaryMetrics maskedMetrics;
  private TrainResult gatedTrained;
  private BinaryMetrics gatedMetrics;
  private long testRows;

  @BeforeAll
  void trainOnASample() {
    String all = dir.resolve("all").toString();
    new IngestJob(
            spark,
            io.imdbrnn.testing.IngestSettingsFor.of(
                SharedData.labeledArchive().toString(),
                all,
                MalformedMode.FAILFAST,
                1 << 20,
                0,
                false))
        .execute();
    String sample = dir.resolve("reviews").toString();
    ReviewsDataset.read(spark, all)
        .filter(pmod(xxhash64(lit(7), col("id")), lit(100)).lt(50))
        .write()
        .parquet(sample);
    prepared = dir.resolve("prepared").toString();
    new PrepareJob(spark, PrepareSettings.words(sample, prepared, 5000, 200, false)).execute();
    trained = train("model", false);
    metrics =
        new EvaluateJob(
                spark, evaluateSettings(trained.bundle(), prepared, dir.resolve("eval").toString()))
            .execute();
    testRows =
        spark.read().parquet(prepared + "/tokens").filter(col("split").equalTo("test")).count();
    // The same data with masked padding and length bucketing: trimmed, variable-length batches
    // through dl4j-spark, then masked scoring in evaluate and predict.
    maskedTrained = train("model-masked", true);
    maskedMetrics =
        new EvaluateJob(
                spark,
                evaluateSettings(
                    maskedTrained.bundle(), prepared, dir.resolve("eval-masked").toString()))
            .execute();
    // A bidirectional fused GRU with dropout, masked and bucketed, through dl4j-spark.
    gatedTrained =
        train(
            "model-gru",
            true,
            Map.of(
                "cell",
                "gru",
                "bidirectional",
                true,
                "dropout",
                0.2,
                "epochs",
                2,
                "early-stopping-metric",
                "accuracy"));
    gatedMetrics =
        new EvaluateJob(
                spark,
                evaluateSettings(
                    gatedTrained.bundle(), prepared, dir.resolve("eval-gru").toString()))
            .execute();
  }

  private static EvaluateSettings evaluateSettings(String model, String input, String output) {
    return SettingsBinder.builder(EvaluateSettings.class)
        .set("model", model)
        .set("input", input)
        .set("output", output)
        .build();
  }

  /**
   * Up to 3 epochs on 2 workers, early stopping with patience 1; masked runs also bucket by length
   * (pools of 10 batches).
   */
  private TrainResult train(String output, boolean masked) {
    return train(output, masked, Map.of());
  }

  private TrainResult train(String output, boolean masked, Map<String, Object> more) {
    SettingsBinder.Builder<TrainSettings> settings =
        SettingsBinder.builder(TrainSettings.class)
            .set("input", prepared)
            .set("output", dir.resolve(output).toString())
            .set("epochs", 3)
            .set("workers", 2)
            .set("early-stopping-patience", 1)
            .set("mask-padding", masked)
            .set("bucket-by-length", masked)
            .set("bucket-pool-batches", 10);
    more.forEach(settings::set);
    return new TrainJob(spark, settings.build()).execute();
  }

  @Test
  void bidirectionalGruTrainsAcrossWorkersAndScoresLikeEvaluate() {
    assertThat(gatedMetrics.n()).isEqualTo(testRows);
    assertThat(gatedMetrics.accuracy()).as("bidirectional GRU test accuracy").isGreaterThan(0.70);
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), gatedTrained.bundle());
    assertThat(bundle.manifest().provenance().settings())
        .containsEntry("train.cell", "gru")
        .containsEntry("train.bidirectional", true);
    assertThat(bundle.network().getLayer(1).paramTable()).containsKeys("RW", "bRW", "RB", "bRB");
    assertPredictMatchesEvaluate(bundle, dir.resolve("eval-gru").toString());
    // Early stopping watched accuracy: the kept epoch is the most accurate one (a tie goes to the
    // lower loss).
    Row best =
        spark
            .read()
            .parquet(HistoryDataset.path(gatedTrained.bundle()))
            .orderBy(col("validation_accuracy").desc(), col("validation_loss").asc())
            .first();
    assertThat(gatedTrained.manifest().bestEpoch()).isEqualTo(best.getInt(0));
  }

  @Test
  void maskedBucketedTrainingLearnsAndScoresTheSameLocallyAndDistributed() {
    assertThat(maskedMetrics.n()).isEqualTo(testRows);
    assertThat(maskedMetrics.accuracy()).as("masked test accuracy").isGreaterThan(0.70);
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), maskedTrained.bundle());
    assertThat(bundle.maskPadding()).isTrue();
    assertThat(bundle.manifest().provenance().settings())
        .containsEntry("train.bucket-by-length", true);
    assertPredictMatchesEvaluate(bundle, dir.resolve("eval-masked").toString());
  }

  @Test
  void networkLearnsWellAboveChance() {
    assertThat(metrics.n()).isEqualTo(testRows);
    assertThat(metrics.accuracy()).as("test accuracy").isGreaterThan(0.70);
    assertThat(metrics.rocAuc()).isGreaterThan(0.75);
    assertThat(
            metrics.truePositives()
                + metrics.falsePositives()
                + metrics.trueNegatives()
                + metrics.falseNegatives())
        .isEqualTo(testRows);
  }

  @Test
  void metricsAndPredictionsHaveTheirSchemasAndRowCounts() {
    String eval = dir.resolve("eval").toString();
    Dataset<Row> m = spark.read().parquet(EvaluationDatasets.metricsPath(eval));
    io.imdbrnn.testing.DataFrames.assertTwoClassMetrics(m);
    assertThat(m.count()).isEqualTo(1);
    assertThat(m.first().getString(0)).isEqualTo(trained.manifest().modelId());
    Dataset<Row> p = spark.read().parquet(EvaluationDatasets.predictionsPath(eval));
    io.imdbrnn.testing.DataFrames.assertTwoClassPredictions(p);
    assertThat(p.count()).isEqualTo(testRows);
    assertThat(p.filter(col("probability").lt(0).or(col("probability").gt(1))).count()).isZero();
  }

  @Test
  void bundleHasHistoryAndProvenanceAndLoadsBack() {
    Dataset<Row> history = spark.read().parquet(HistoryDataset.path(trained.bundle()));
    assertThat(history.schema().fieldNames()).containsExactly(HistoryDataset.SCHEMA.fieldNames());
    // Early stopping (patience 1) may end training before the third epoch.
    int epochsRun = trained.manifest().epochsRun();
    assertThat(epochsRun).isBetween(2, 3);
    assertThat(history.orderBy("epoch").collectAsList())
        .extracting(r -> r.getInt(0))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, epochsRun).boxed().toList());
    assertThat(trained.manifest().rows().get("fit") + trained.manifest().rows().get("validation"))
        .isEqualTo(
            spark
                .read()
                .parquet(prepared + "/tokens")
                .filter(col("split").equalTo("train"))
                .count());
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), trained.bundle());
    assertThat(bundle.network().numParams()).isEqualTo(5000L * 32 + 2080 + 33);
    assertThat(bundle.manifest().modelId()).isEqualTo(trained.manifest().modelId());
    assertThat(bundle.vocabulary().size()).isEqualTo(5000);
  }

  @Test
  void bundleWithAMissingOrCorruptPartIsRefused() throws Exception {
    Path copy = dir.resolve("broken");
    io.imdbrnn.testing.FileTree.copy(Path.of(trained.bundle()), copy);
    Files.write(copy.resolve(ModelBundle.MODEL), new byte[] {1, 2, 3});
    Files.deleteIfExists(copy.resolve("." + ModelBundle.MODEL + ".crc"));
    assertThatThrownBy(
            () -> ModelBundle.load(spark.sparkContext().hadoopConfiguration(), copy.toString()))
        .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
        .hasMessage("Model bundle " + copy + ": model.zip is not a zip file or is empty.");
    Files.delete(copy.resolve(ModelBundle.MANIFEST));
    assertThatThrownBy(
            () -> ModelBundle.load(spark.sparkContext().hadoopConfiguration(), copy.toString()))
        .hasMessage("Model bundle " + copy + " is incomplete: manifest.json is missing.");
  }

  @Test
  void bundleEditedToAnotherMaxLenOrVocabularySizeIsRefused() throws Exception {
    for (String[] edit :
        new String[][] {
          {"prepare.json", "\"maxLen\" : 200", "\"maxLen\" : 300", "the network reads 200 steps"},
          {
            "prepare.json",
            "\"vocabSize\" : 5000",
            "\"vocabSize\" : 4999",
            "embedding takes 5000 ids"
          },
          {"manifest.json", "\"maxLen\" : 200", "\"maxLen\" : 500", "network.maxLen = 500"},
          {
            "manifest.json",
            "\"vocabSize\" : 5000",
            "\"vocabSize\" : 10000",
            "network.vocabSize = 10000"
          }
        }) {
      Path copy = dir.resolve("edited-" + edit[0] + edit[2].replaceAll("\\W", ""));
      io.imdbrnn.testing.FileTree.copy(Path.of(trained.bundle()), copy);
      Path json = copy.resolve(edit[0]);
      String original = Files.readString(json);
      assertThat(original).contains(edit[1]);
      Files.writeString(json, original.replace(edit[1], edit[2]));
      Files.deleteIfExists(copy.resolve("." + edit[0] + ".crc"));
      assertThatThrownBy(
              () -> ModelBundle.load(spark.sparkContext().hadoopConfiguration(), copy.toString()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Model bundle " + copy + " does not fit together")
          .hasMessageContaining(edit[3]);
    }
  }

  @Test
  void evaluateRefusesDataPreparedWithAnotherMaxLen() {
    String other = dir.resolve("prepared-100").toString();
    new PrepareJob(
            spark,
            PrepareSettings.words(dir.resolve("reviews").toString(), other, 5000, 100, false))
        .execute();
    assertThatThrownBy(
            () ->
                new EvaluateJob(
                        spark,
                        evaluateSettings(
                            trained.bundle(), other, dir.resolve("eval-100").toString()))
                    .execute())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match prepared dataset " + other)
        .hasMessageContaining("max-len 200")
        .hasMessageContaining("max-len 100");
    assertThat(dir.resolve("eval-100")).doesNotExist();
  }

  /** predict runs the prepare code path on raw text: it must give evaluate's probabilities. */
  @Test
  void predictOnRawTextMatchesEvaluate() {
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), trained.bundle());
    assertThat(bundle.maskPadding()).isFalse();
    assertPredictMatchesEvaluate(bundle, dir.resolve("eval").toString());
  }

  private void assertPredictMatchesEvaluate(ModelBundle bundle, String eval) {
    List<Row> sample =
        ReviewsDataset.read(spark, dir.resolve("reviews").toString())
            .filter(col("split").equalTo("test"))
            .orderBy("id")
            .limit(40)
            .collectAsList();
    List<String> texts = sample.stream().map(r -> r.getString(4)).toList();
    double[] local = TextScorer.of(bundle, 16).score(texts);
    Map<String, Double> evaluated = new HashMap<>();
    spark
        .read()
        .parquet(EvaluationDatasets.predictionsPath(eval))
        .collectAsList()
        .forEach(r -> evaluated.put(r.getString(0), r.getDouble(3)));
    for (int i = 0; i < sample.size(); i++) {
      assertThat(local[i])
          .as(sample.get(i).getString(0))
          .isCloseTo(evaluated.get(sample.get(i).getString(0)), within(1e-5));
    }
  }

  @Test
  void theSparkMlModelOfTheBundleScoresEveryTestReviewLikeEvaluate() {
    SentimentModel model = SentimentModel.load(trained.bundle());
    Dataset<Row> test =
        ReviewsDataset.read(spark, dir.resolve("reviews").toString())
            .filter(col("split").equalTo("test"));
    Map<String, Double> evaluated = new HashMap<>();
    spark
        .read()
        .parquet(EvaluationDatasets.predictionsPath(dir.resolve("eval").toString()))
        .collectAsList()
        .forEach(r -> evaluated.put(r.getString(0), r.getDouble(3)));
    List<Row> scored = model.transform(test).select("id", "status", "probability").collectAsList();
    assertThat(scored).hasSize(evaluated.size());
    for (Row r : scored) {
      assertThat(r.getString(1)).isEqualTo("ok");
      assertThat(r.getDouble(2))
          .as(r.getString(0))
          .isCloseTo(evaluated.get(r.getString(0)), within(1e-6));
    }
  }

  @Test
  void predictScoresADatasetAcrossTheClusterWithPerRowStatus() throws Exception {
    String input = dir.resolve("to-score").toString();
    List<Row> rows =
        List.of(
            RowFactory.create("a", "A wonderful, moving film. I loved it."),
            RowFactory.create("b", "   "),
            RowFactory.create("c", null),
            RowFactory.create("d", "Boring and awful."));
    spark
        .createDataFrame(rows, new StructType().add("key", "string").add("text", "string"))
        .write()
        .parquet(input);
    int code = predictDataset(input, dir + "/scored");
    assertThat(code).isZero();
    Map<String, Row> byKey = new HashMap<>();
    spark
        .read()
        .parquet(dir + "/scored")
        .collectAsList()
        .forEach(r -> byKey.put(r.getString(0), r));
    assertThat(byKey).containsOnlyKeys("a", "b", "c", "d");
    assertThat(byKey.get("a").<String>getAs("status")).isEqualTo("ok");
    assertThat(byKey.get("a").<Double>getAs("probability")).isBetween(0.0, 1.0);
    assertThat(byKey.get("b").<String>getAs("status")).isEqualTo("empty");
    assertThat(byKey.get("c").<String>getAs("status")).isEqualTo("empty");
    assertThat(byKey.get("c").<Object>getAs("probability")).isNull();
    assertThat(predictDataset(input, dir + "/scored2", "--text-column", "body"))
        .isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(dir.resolve("scored2")).doesNotExist();
  }

  /**
   * A dataset whose text is in two columns is scored on the two joined as ingest joins them (a line
   * break between, a null cell left out); the joined column is not written.
   */
  @Test
  void predictJoinsSeveralTextColumnsAsIngestDoes() {
    String input = dir.resolve("two-columns").toString();
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("a", "Wonderful.", "A moving film, I loved it."),
                RowFactory.create("b", "Awful.", null)),
            new StructType().add("key", "string").add("title", "string").add("body", "string"))
        .write()
        .parquet(input);
    String out = dir.resolve("scored-two").toString();
    int code = predictDataset(input, out, "--text-column", "title,body");
    assertThat(code).isZero();
    Dataset<Row> scored = spark.read().parquet(out);
    assertThat(scored.columns())
        .containsExactly(
            "key", "title", "body", "status", "probability", "predicted_label", "predicted_class");
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), trained.bundle());
    double[] expected =
        TextScorer.of(bundle, 16)
            .score(List.of("Wonderful.\nA moving film, I loved it.", "Awful."));
    Map<String, Double> byKey = new HashMap<>();
    scored.collectAsList().forEach(r -> byKey.put(r.getString(0), r.getDouble(4)));
    assertThat(byKey.get("a")).isCloseTo(expected[0], within(1e-6));
    assertThat(byKey.get("b")).isCloseTo(expected[1], within(1e-6));
  }

  @Test
  void predictPrintsOneLinePerReviewAndNeverFailsOnABadOne() throws Exception {
    Path lines = dir.resolve("reviews.txt");
    try (var out = Files.newOutputStream(lines)) {
      out.write("Superb acting, a joy to watch.\n\n".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {'C', 'a', 'f', (byte) 0xE9, '\n'});
      out.write("x".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.UTF_8));
      out.write("\nA waste of time.".getBytes(StandardCharsets.UTF_8));
    }
    List<String> out =
        predictLines("--input", lines.toString(), "--text", "I hated it, badly written.");
    assertThat(out.get(0)).isEqualTo("id\tstatus\tprobability\tlabel\tclass");
    assertThat(out).hasSize(7);
    assertThat(out.get(1)).startsWith("text:1\tok\t");
    assertThat(out.get(2)).startsWith("reviews.txt:1\tok\t");
    assertThat(out.subList(3, 7))
        .containsExactly(
            "reviews.txt:2\tempty\t\t\t",
            "reviews.txt:3\tinvalid-utf8\t\t\t",
            "reviews.txt:4\ttoo-long\t\t\t",
            out.get(6));
    assertThat(out.get(6)).startsWith("reviews.txt:5\tok\t");
  }

  /**
   * predict.encoding: a windows-1252 file is read line by line in it (its é is a letter, not an
   * invalid byte); UTF-16 is read one review per file (byte order mark or not), refused line by
   * line, and an unknown name is refused; every refusal names predict.encoding and exits 2.
   */
  @Test
  void predictReadsTheEncodingItIsTold() throws Exception {
    Path lines = dir.resolve("latin.txt");
    Files.write(
        lines, "Caf\u00e9 society, a joy.\nNa\u00efve and dull.\n".getBytes("windows-1252"));
    List<String> latin = predictLines("--input", lines.toString(), "--encoding", "windows-1252");
    assertThat(latin).hasSize(3);
    assertThat(latin.get(1)).startsWith("latin.txt:1\tok\t");
    assertThat(latin.get(2)).startsWith("latin.txt:2\tok\t");
    assertThat(predictLines("--input", lines.toString()).get(1))
        .isEqualTo("latin.txt:1\tinvalid-utf8\t\t\t");

    Path files = dir.resolve("utf16");
    Files.createDirectories(files);
    Files.write(files.resolve("a.txt"), "A superb film.".getBytes(StandardCharsets.UTF_16));
    Files.write(files.resolve("b.txt"), "Dull.".getBytes(StandardCharsets.UTF_16LE));
    // Not UTF-16: an odd number of bytes.
    Files.write(files.resolve("c.txt"), new byte[] {'o', 'd', 'd'});
    List<String> wide = predictLines("--input", files.toString(), "--encoding", "UTF-16LE");
    assertThat(wide).hasSize(4);
    assertThat(wide.get(1)).startsWith("a.txt\tok\t");
    assertThat(wide.get(2)).startsWith("b.txt\tok\t");
    assertThat(wide.get(3)).isEqualTo("c.txt\tinvalid-encoding\t\t\t");

    CliRun perLine =
        CliRun.of(
            "predict",
            "--model",
            trained.bundle(),
            "--input",
            files.resolve("a.txt").toString(),
            "--input-format",
            "lines",
            "--encoding",
            "UTF-16");
    assertThat(perLine.exitCode()).as(perLine.err()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(perLine.err()).contains("a.txt").contains("UTF-16").contains("predict.encoding");
    CliRun unknown =
        CliRun.of(
            "predict", "--model", trained.bundle(), "--text", "fine", "--encoding", "klingon-8");
    assertThat(unknown.exitCode()).isEqualTo(ImdbRnn.EXIT_BAD_INPUT);
    assertThat(unknown.err()).contains("predict.encoding").contains("klingon-8");
  }

  /** predict's exit code for the dataset {@code input} scored into {@code output}. */
  private int predictDataset(String input, String output, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("predict", "--model", trained.bundle(), "--input", input, "--output", output));
    args.addAll(List.of(more));
    return ImdbRnn.execute(args.toArray(new String[0]));
  }

  /** predict's standard output, line by line, after a successful run with {@code args}. */
  private List<String> predictLines(String... args) {
    StringWriter printed = new StringWriter();
    CommandLine cli = io.imdbrnn.cli.ImdbRnnTestAccess.commandLine();
    cli.setOut(new PrintWriter(printed, true));
    List<String> all = new java.util.ArrayList<>(List.of("predict", "--model", trained.bundle()));
    all.addAll(List.of(args));
    assertThat(cli.execute(all.toArray(new String[0]))).isZero();
    return printed.toString().lines().toList();
  }
}
