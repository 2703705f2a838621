package io.imdbrnn.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.StageRun;
import io.imdbrnn.scoring.TokenMetrics;
import io.imdbrnn.scoring.WindowScoring;
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
 * Evaluate for a language-model bundle (next-char, next-word): scores every window of the split on
 * the executors and writes {@code metrics/} (one row: bits per character or word, cross-entropy in
 * nats, top-1 accuracy, counts) and {@code predictions/} (one row per text: its windows scored as
 * one text), in the evaluation layout's two directories.
 */
public final class NextTokenEvaluation implements Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(NextTokenEvaluation.class);

  private final SparkSession spark;
  private final EvaluateSettings settings;
  private final String unit;

  /**
   * @param unit what one id is ({@code char}, {@code word}): it names the figures' columns
   */
  public NextTokenEvaluation(SparkSession spark, EvaluateSettings settings, String unit) {
    this.spark = spark;
    this.settings = settings;
    this.unit = unit;
  }

  @Override
  public void evaluate(StageRun run, ModelBundle bundle) {
    String split = settings.split().settingName();
    Dataset<Row> windows =
        WindowsDataset.read(spark, settings.input())
            .filter(col(WindowsDataset.SPLIT).equalTo(split));
    Dataset<Row> scored = run.cache(WindowScoring.score(windows, bundle.network()));
    TokenMetrics m = run.step("scoring the " + split + " split", () -> TokenMetrics.of(scored));
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
                  EvaluationDatasets.tokenMetricsSchema(unit))
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
        m.summary(unit),
        settings.output());
  }

  private Dataset<Row> perReview(Dataset<Row> scored, String split, String modelId) {
    Column tokens = col(WindowScoring.TARGETS);
    return scored
        .filter(tokens.gt(0))
        .select(
            col(WindowsDataset.ID),
            lit(split).as(WindowsDataset.SPLIT),
            tokens.cast("long").as(unit + "s"),
            col(WindowScoring.BITS).divide(tokens).as("bits_per_" + unit),
            col(WindowScoring.CORRECT).divide(tokens).as("accuracy"),
            lit(modelId).as("model_id"));
  }
}
