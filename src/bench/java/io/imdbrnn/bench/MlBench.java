package io.imdbrnn.bench;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.ml.SentimentClassifier;
import io.imdbrnn.ml.SentimentModel;
import io.imdbrnn.pipeline.EvaluateJob;
import io.imdbrnn.pipeline.TrainJob;
import io.imdbrnn.predict.DatasetPredictor;
import io.imdbrnn.predict.InputKind;
import io.imdbrnn.runtime.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark ML API against the command line, in one warm Spark application: {@code
 * SentimentModel.transform} and {@code predict}'s dataset path scoring the same test reviews
 * (alternating, median of the repetitions with min and max), the largest difference between the
 * model's probabilities and {@code evaluate}'s, and, unless skipped, for each seed the test
 * accuracy of a {@code SentimentClassifier} fitted with the default settings beside that of {@code
 * train} + {@code evaluate} with the same settings and seed. Prints a table; asserts nothing.
 *
 * <p>Arguments: bundle reviews evaluation prepared [repetitions=5] [fit=true] [seeds=42,1,2]; run
 * with src/bench/ml.sh.
 */
public final class MlBench {
  private MlBench() {}

  public static void main(String[] args) throws Exception {
    String bundlePath = args[0];
    String reviews = args[1];
    String evaluation = args[2];
    String prepared = args[3];
    int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    boolean fit = args.length <= 5 || Boolean.parseBoolean(args[5]);
    List<Long> seeds = new ArrayList<>();
    for (String seed : (args.length > 6 ? args[6] : "42,1,2").split(",")) {
      seeds.add(Long.parseLong(seed.strip()));
    }
    Path work = Files.createTempDirectory("imdb-rnn-ml-bench");
    SparkSession spark = SparkSessions.getOrCreate("imdb-rnn ml bench");
    String texts = work.resolve("texts").toString();
    ReviewsDataset.read(spark, reviews)
        .filter(col(ReviewsDataset.SPLIT).equalTo("test"))
        .select(ReviewsDataset.ID, ReviewsDataset.TEXT)
        .write()
        .parquet(texts);
    long n = spark.read().parquet(texts).count();
    ModelBundle bundle = ModelBundle.load(spark.sparkContext().hadoopConfiguration(), bundlePath);
    SentimentModel model = SentimentModel.load(bundlePath);
    List<Double> predictRates = new ArrayList<>();
    List<Double> transformRates = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      String p = work.resolve("predict-" + i).toString();
      PredictSettings settings =
          SettingsBinder.builder(PredictSettings.class)
              .set("model", bundlePath)
              .set("input", texts)
              .set("output", p)
              .build();
      long t0 = System.nanoTime();
      new DatasetPredictor(spark, settings, InputKind.PARQUET).execute(bundle);
      long t1 = System.nanoTime();
      model.transform(spark.read().parquet(texts)).write().parquet(work + "/transform-" + i);
      long t2 = System.nanoTime();
      predictRates.add(n / ((t1 - t0) / 1e9));
      transformRates.add(n / ((t2 - t1) / 1e9));
    }
    double maxDiff = maxDifference(spark, work + "/transform-0", evaluation);
    System.out.printf(
        "%nimdb-rnn Spark ML API, %d test reviews, master %s%n", n, spark.sparkContext().master());
    System.out.println("| measure | median | min | max |");
    System.out.println("| --- | ---: | ---: | ---: |");
    row("predict over Parquet, reviews/s", predictRates);
    row("SentimentModel.transform + write, reviews/s", transformRates);
    System.out.printf("| largest |transform - evaluate| probability | %.2e | | |%n", maxDiff);
    if (fit) {
      compareFits(spark, reviews, prepared, seeds, work, n);
    }
    spark.stop();
  }

  /**
   * Test accuracy of the Estimator against {@code train} + {@code evaluate} with the same default
   * settings and seed, for each seed, in this one application.
   */
  private static void compareFits(
      SparkSession spark, String reviews, String prepared, List<Long> seeds, Path work, long n) {
    Dataset<Row> all = ReviewsDataset.read(spark, reviews);
    double sumFit = 0;
    double sumTrain = 0;
    for (long seed : seeds) {
      SentimentModel fitted =
          new SentimentClassifier()
              .setSetting("seed", seed)
              .fit(all.filter(col(ReviewsDataset.SPLIT).equalTo("train")));
      double estimator =
          (double)
                  fitted
                      .transform(all.filter(col(ReviewsDataset.SPLIT).equalTo("test")))
                      .filter(col("prediction").equalTo(col(ReviewsDataset.LABEL).cast("double")))
                      .count()
              / n;
      String model = work.resolve("train-" + seed).toString();
      new TrainJob(
              spark,
              SettingsBinder.builder(TrainSettings.class)
                  .set("input", prepared)
                  .set("output", model)
                  .set("seed", seed)
                  .build())
          .execute();
      double trained =
          new EvaluateJob(
                  spark,
                  SettingsBinder.builder(EvaluateSettings.class)
                      .set("model", model)
                      .set("input", prepared)
                      .set("output", work.resolve("eval-" + seed).toString())
                      .build())
              .execute()
              .accuracy();
      System.out.printf(
          "| seed %d: test accuracy, SentimentClassifier.fit / train + evaluate | %.4f | %.4f | |%n",
          seed, estimator, trained);
      sumFit += estimator;
      sumTrain += trained;
    }
    System.out.printf(
        "| mean over %d seeds, SentimentClassifier.fit / train + evaluate | %.4f | %.4f | |%n",
        seeds.size(), sumFit / seeds.size(), sumTrain / seeds.size());
  }

  private static double maxDifference(SparkSession spark, String transformed, String evaluation) {
    Map<String, Double> evaluated = new HashMap<>();
    for (Row r :
        spark.read().parquet(EvaluationDatasets.predictionsPath(evaluation)).collectAsList()) {
      evaluated.put(r.getString(0), r.getDouble(3));
    }
    double max = 0;
    for (Row r : spark.read().parquet(transformed).select("id", "probability").collectAsList()) {
      max = Math.max(max, Math.abs(r.getDouble(1) - evaluated.get(r.getString(0))));
    }
    return max;
  }

  private static void row(String what, List<Double> rates) {
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    System.out.printf(
        "| %s | %,.0f | %,.0f | %,.0f |%n",
        what, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
  }
}
