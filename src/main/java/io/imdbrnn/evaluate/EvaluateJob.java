package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.features.Vocabulary;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.BinaryMetrics;
import io.imdbrnn.spark.EvaluationDatasets;
import io.imdbrnn.spark.ModelBundle;
import io.imdbrnn.spark.ModelScoring;
import io.imdbrnn.spark.PreparedManifest;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import io.imdbrnn.spark.VocabularyDataset;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: scores one split of a prepared dataset with a model bundle on the executors, and writes
 * {@code metrics/} (one row) and {@code predictions/} (one row per review) as one all-or-nothing
 * output. Refuses a prepared dataset whose ids were made differently from the bundle's (tokenizer,
 * max-len or vocabulary), since its ids would mean nothing to the network.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private final SparkSession spark;
  private final EvaluateSettings settings;

  public EvaluateJob(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public BinaryMetrics execute() {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    AtomicOutput output = AtomicOutput.forStage(conf, settings);
    SparkStage stage = new SparkStage(spark, "evaluate");
    ModelBundle bundle =
        stage.step("loading " + settings.model(), () -> ModelBundle.load(conf, settings.model()));
    checkCompatible(bundle, PreparedManifest.read(conf, settings.input()));
    Dataset<Row> rows =
        TokenizedDataset.read(spark, settings.input())
            .filter(col(TokenizedDataset.SPLIT).equalTo(settings.split()))
            .select(
                TokenizedDataset.ID,
                TokenizedDataset.SPLIT,
                TokenizedDataset.LABEL,
                TokenizedDataset.TOKENS);
    String modelId = bundle.manifest().modelId();
    Dataset<Row> scored =
        ModelScoring.score(
                rows,
                bundle.network(),
                bundle.prepared().maxLen(),
                settings.batchSize(),
                bundle.maskPadding())
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      BinaryMetrics m =
          stage.step("scoring the " + settings.split() + " split", () -> metrics(scored));
      Row metricsRow =
          RowFactory.create(
              modelId,
              settings.split(),
              m.n(),
              m.accuracy(),
              m.logLoss(),
              m.precision(),
              m.recall(),
              m.f1(),
              m.rocAuc(),
              m.prAuc(),
              m.truePositives(),
              m.falsePositives(),
              m.trueNegatives(),
              m.falseNegatives(),
              Timestamp.from(Instant.now()));
      Dataset<Row> predictions =
          scored.select(
              col(TokenizedDataset.ID),
              col(TokenizedDataset.SPLIT),
              col(TokenizedDataset.LABEL),
              col(ModelScoring.PROBABILITY),
              when(col(ModelScoring.PROBABILITY).geq(0.5), 1).otherwise(0).as("predicted_label"),
              lit(modelId).as("model_id"));
      stage.run(
          "writing " + settings.output(),
          () ->
              output.write(
                  temp -> {
                    spark
                        .createDataFrame(List.of(metricsRow), EvaluationDatasets.METRICS_SCHEMA)
                        .coalesce(1)
                        .write()
                        .parquet(EvaluationDatasets.metricsPath(temp));
                    predictions.write().parquet(EvaluationDatasets.predictionsPath(temp));
                  }));
      LOG.info(
          "Evaluated model {} on {} {} reviews: accuracy {}, log loss {}, precision {}, recall {}, F1 {}, ROC AUC {}, "
              + "PR AUC {} (TP {}, FP {}, TN {}, FN {}) -> {}",
          modelId,
          m.n(),
          settings.split(),
          f(m.accuracy()),
          f(m.logLoss()),
          f(m.precision()),
          f(m.recall()),
          f(m.f1()),
          f(m.rocAuc()),
          f(m.prAuc()),
          m.truePositives(),
          m.falsePositives(),
          m.trueNegatives(),
          m.falseNegatives(),
          settings.output());
      return m;
    } finally {
      scored.unpersist();
    }
  }

  private BinaryMetrics metrics(Dataset<Row> scored) {
    if (scored.isEmpty()) {
      throw new IllegalArgumentException(
          "Prepared dataset "
              + settings.input()
              + " has no rows in split '"
              + settings.split()
              + "'.");
    }
    return BinaryMetrics.full(scored);
  }

  private void checkCompatible(ModelBundle bundle, PreparedManifest data) {
    PreparedManifest trained = bundle.prepared();
    if (!trained.tokenizer().equals(data.tokenizer())
        || trained.maxLen() != data.maxLen()
        || trained.vocabSize() != data.vocabSize()) {
      throw new IllegalArgumentException(
          String.format(
              "Model bundle %s (tokenizer %s, max-len %d, %d ids) does not match prepared dataset %s "
                  + "(tokenizer %s, max-len %d, %d ids).",
              settings.model(),
              trained.tokenizer(),
              trained.maxLen(),
              trained.vocabSize(),
              settings.input(),
              data.tokenizer(),
              data.maxLen(),
              data.vocabSize()));
    }
    List<String> words = new ArrayList<>();
    for (Row r :
        VocabularyDataset.read(spark, settings.input())
            .orderBy(VocabularyDataset.ID)
            .collectAsList()) {
      if (r.getInt(0) >= Vocabulary.FIRST_WORD_ID) {
        words.add(r.getString(1));
      }
    }
    if (!words.equals(bundle.vocabulary().words())) {
      throw new IllegalArgumentException(
          "Model bundle "
              + settings.model()
              + " was trained on a different vocabulary than prepared dataset "
              + settings.input()
              + "; prepare the data with the bundle's vocabulary or retrain.");
    }
  }

  private static String f(double v) {
    return String.format("%.4f", v);
  }
}
