package io.imdbrnn.baseline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.config.BaselineSettings;
import io.imdbrnn.datasets.ReviewsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.text.ReviewTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yardstick beside the network: TF-IDF over unigrams and bigrams and a logistic regression, all
 * Spark MLlib, fitted on the train split of the reviews with the project's own tokenizer and
 * evaluated on the test split into the same {@code metrics/} and {@code predictions/} layout as
 * {@code evaluate}, so a report can put the two side by side. MLlib is part of every Spark
 * installation; nothing is added to the cluster jar.
 */
public final class BaselineJob {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineJob.class);
  static final String WORDS = "words";
  static final String MODEL_DIR = "model";

  private final SparkSession spark;
  private final BaselineSettings settings;

  public BaselineJob(SparkSession spark, BaselineSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public void execute() {
    String startedAt = java.time.Instant.now().toString();
    try (StageRun run = StageRun.open(spark, settings)) {
      Dataset<Row> reviews = ReviewsDataset.read(spark, settings.input());
      run.step(
          "checking the texts",
          () -> {
            ReviewsDataset.requireLabels(reviews, settings.input(), "baseline.input");
            return null;
          });
      Dataset<Row> texts = run.cache(words(reviews));
      LabelIndex labels = run.step("tokenizing texts", () -> labels(texts));
      Dataset<Row> words =
          texts.withColumn(
              ReviewsDataset.LABEL,
              io.imdbrnn.datasets.LabelColumns.index(labels, col(ReviewsDataset.LABEL)));
      Dataset<Row> train = words.filter(col(ReviewsDataset.SPLIT).equalTo("train"));
      Dataset<Row> test = words.filter(col(ReviewsDataset.SPLIT).equalTo("test"));
      long testRows = test.count();
      if (testRows == 0) {
        throw new BadInputException(
            "Reviews dataset " + settings.input() + " has no test split to evaluate on.");
      }
      PipelineModel model =
          run.step("fitting TF-IDF + logistic regression", () -> pipeline().fit(train));
      String modelId = "baseline-" + UUID.randomUUID();
      String summary = scoreAndWrite(run, model, test, ClassOutputs.of(labels), modelId, startedAt);
      LOG.info(
          "Baseline {} (TF-IDF unigrams + bigrams, logistic regression) on {} test texts: {} -> {}",
          modelId,
          testRows,
          summary,
          settings.output());
    }
  }

  /**
   * The classes, fitted on the train split as prepare fits them; the test split's classes must be
   * among them, and the train split must have two at least.
   */
  private LabelIndex labels(Dataset<Row> texts) {
    Map<String, java.util.Set<String>> bySplit = new TreeMap<>();
    for (Row r :
        texts.select(ReviewsDataset.SPLIT, ReviewsDataset.LABEL).distinct().collectAsList()) {
      bySplit.computeIfAbsent(r.getString(0), k -> new java.util.TreeSet<>()).add(r.getString(1));
    }
    java.util.Set<String> train = bySplit.getOrDefault("train", java.util.Set.of());
    if (train.size() < 2) {
      throw new BadInputException(
          String.format(
              "Reviews dataset %s (baseline.input) has %d class%s in its train split %s; the"
                  + " baseline needs two at least.",
              settings.input(), train.size(), train.size() == 1 ? "" : "es", train));
    }
    LabelIndex labels = LabelIndex.of(train);
    java.util.List<String> unknown =
        labels.unknown(bySplit.getOrDefault("test", java.util.Set.of()));
    if (!unknown.isEmpty()) {
      throw new BadInputException(
          String.format(
              "Reviews dataset %s (baseline.input): its test split has classes the train split"
                  + " lacks: %s.",
              settings.input(), unknown.subList(0, Math.min(10, unknown.size()))));
    }
    return labels;
  }

  /** The reviews with their words, by the tokenizer prepare and predict use. */
  static Dataset<Row> words(Dataset<Row> reviews) {
    UserDefinedFunction tokenize =
        udf(
            (UDF1<String, String[]>) t -> ReviewTokenizer.tokenize(t).toArray(new String[0]),
            DataTypes.createArrayType(DataTypes.StringType, false));
    return reviews.select(
        col(ReviewsDataset.ID),
        col(ReviewsDataset.SPLIT),
        col(ReviewsDataset.LABEL),
        tokenize.apply(col(ReviewsDataset.TEXT)).as(WORDS));
  }

  private Pipeline pipeline() {
    NGram bigrams = new NGram().setN(2).setInputCol(WORDS).setOutputCol("bigrams");
    SQLTransformer terms =
        new SQLTransformer()
            .setStatement("SELECT *, concat(" + WORDS + ", bigrams) AS terms FROM __THIS__");
    HashingTF tf =
        new HashingTF()
            .setInputCol("terms")
            .setOutputCol("tf")
            .setNumFeatures(settings.numFeatures());
    IDF idf =
        new IDF().setInputCol("tf").setOutputCol("features").setMinDocFreq(settings.minDocFreq());
    // Raw TF-IDF weights, not standardized: standardizing would give rare bigrams the weight of
    // common words.
    LogisticRegression lr =
        new LogisticRegression()
            .setFeaturesCol("features")
            .setLabelCol(ReviewsDataset.LABEL)
            .setRegParam(settings.regParam())
            .setMaxIter(settings.maxIter())
            .setStandardization(false);
    return new Pipeline().setStages(new PipelineStage[] {bigrams, terms, tf, idf, lr});
  }

  /**
   * Scores the test split, writes the model, its figures and predictions in the evaluation layout,
   * and returns the figures' summary.
   */
  private <M extends AccuracyFigures> String scoreAndWrite(
      StageRun run,
      PipelineModel model,
      Dataset<Row> test,
      ClassOutputs<M> outputs,
      String modelId,
      String startedAt) {
    Dataset<Row> scored = score(model, test, outputs);
    M m =
        run.writeInSteps(
            temp -> {
              run.run("saving the model", () -> save(model, temp + "/" + MODEL_DIR));
              M figures =
                  run.step(
                      "scoring the test split and computing its figures",
                      () -> outputs.evaluate(temp, modelId, "test", scored, settings.topK()));
              writeManifest(temp, modelId, startedAt);
              return figures;
            });
    return m.summary();
  }

  /** The probability of the positive class (two classes), or of every class. */
  private static Dataset<Row> score(
      PipelineModel model, Dataset<Row> test, ClassOutputs<?> outputs) {
    org.apache.spark.sql.Column probabilities =
        org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64");
    return model
        .transform(test)
        .select(
            col(ReviewsDataset.ID),
            col(ReviewsDataset.SPLIT),
            col(ReviewsDataset.LABEL),
            outputs.scoreOf(probabilities).as(outputs.scoreColumn()));
  }

  private void writeManifest(String dir, String modelId, String startedAt) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    new BaselineManifest(
            BaselineManifest.FORMAT_VERSION,
            modelId,
            "TF-IDF over unigrams and bigrams, logistic regression (Spark MLlib)",
            Provenance.of(
                io.imdbrnn.config.SettingsSchema.manifestValues(settings),
                io.imdbrnn.config.Redact.text(settings.input()),
                io.imdbrnn.fs.DataDigest.of(conf, settings.input()),
                spark.version(),
                startedAt))
        .write(conf, dir);
  }

  private static void save(PipelineModel model, String path) {
    try {
      model.write().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the baseline model to " + path, e);
    }
  }
}
