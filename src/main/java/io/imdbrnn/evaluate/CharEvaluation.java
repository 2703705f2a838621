package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.CharMetrics;
import io.imdbrnn.scoring.CharScoring;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluate for a next-char bundle: scores every window of the split on the executors and writes
 * {@code metrics/} (one row: bits per character, cross-entropy in nats, top-1 accuracy, counts) and
 * {@code predictions/} (one row per review: its windows' characters scored as one text), in the
 * evaluation layout's two directories.
 */
public final class CharEvaluation implements Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(CharEvaluation.class);

  private final SparkSession spark;
  private final EvaluateSettings settings;

  public CharEvaluation(SparkSession spark, EvaluateSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  @Override
  public void evaluate(StageRun run, ModelBundle bundle) {
    String split = settings.split().settingName();
    Dataset<Row> windows =
        WindowsDataset.read(spark, settings.input())
            .filter(col(WindowsDataset.SPLIT).equalTo(split));
    Dataset<Row> scored = run.cache(CharScoring.score(windows, bundle.network()));
    CharMetrics m = run.step("scoring the " + split + " split", () -> CharMetrics.of(scored));
    if (m.reviews() == 0) {
      throw new BadInputException(
          "Prepared dataset " + settings.input() + " has no windows in split '" + split + "'.");
    }
    String modelId = bundle.manifest().modelId();
    run.write(
        temp -> {
          spark
              .createDataFrame(
                  List.of(m.toRow(modelId, split, Timestamp.from(Instant.now()))),
                  EvaluationDatasets.CHAR_METRICS_SCHEMA)
              .coalesce(1)
              .write()
              .parquet(EvaluationDatasets.metricsPath(temp));
          perReview(scored, split, modelId)
              .write()
              .parquet(EvaluationDatasets.predictionsPath(temp));
          return null;
        });
    LOG.info(
        "Evaluated model {} on {} {} reviews: {} -> {}",
        modelId,
        m.reviews(),
        split,
        m.summary(),
        settings.output());
  }

  private static Dataset<Row> perReview(Dataset<Row> scored, String split, String modelId) {
    Column chars = col(CharScoring.TARGETS);
    return scored
        .filter(chars.gt(0))
        .select(
            col(WindowsDataset.ID),
            lit(split).as(WindowsDataset.SPLIT),
            chars.cast("long").as("chars"),
            col(CharScoring.BITS).divide(chars).as("bits_per_char"),
            col(CharScoring.CORRECT).divide(chars).as("accuracy"),
            lit(modelId).as("model_id"));
  }
}
