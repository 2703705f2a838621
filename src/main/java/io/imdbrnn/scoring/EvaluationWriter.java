package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.imdbrnn.datasets.EvaluationDatasets;
import io.imdbrnn.datasets.TokenizedDataset;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes an evaluation in the one layout every model is reported in ({@code metrics/}, one row, and
 * {@code predictions/}, one row per review): the RNN's {@code evaluate} and the baseline alike, so
 * their figures can be compared row for row.
 */
public final class EvaluationWriter {
  private EvaluationWriter() {}

  /**
   * @param scored rows with {@code id}, {@code split}, {@code label} and {@code probability}
   */
  public static void write(
      String dir, String modelId, String split, BinaryMetrics metrics, Dataset<Row> scored) {
    scored
        .sparkSession()
        .createDataFrame(
            List.of(metrics.toRow(modelId, split, Timestamp.from(Instant.now()))),
            EvaluationDatasets.METRICS_SCHEMA)
        .coalesce(1)
        .write()
        .parquet(EvaluationDatasets.metricsPath(dir));
    scored
        .select(
            col(TokenizedDataset.ID),
            col(TokenizedDataset.SPLIT),
            col(TokenizedDataset.LABEL),
            col(ModelScoring.PROBABILITY),
            ModelScoring.predictedLabel(col(ModelScoring.PROBABILITY)).as("predicted_label"),
            lit(modelId).as("model_id"))
        .write()
        .parquet(EvaluationDatasets.predictionsPath(dir));
  }
}
