package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An evaluation's {@code predictions/} read back as untrusted: every row must be of the expected
 * model (and split, when one is required), with an id, a 0/1 label, a probability that is a number
 * in [0, 1], and the predicted label that probability gives. One pass on the executors; a file
 * edited by hand, or written by a model that produced NaN, is caught before any figure is computed
 * or any decision taken on it.
 */
public final class PredictionsCheck {
  private PredictionsCheck() {}

  /**
   * What is wrong with {@code predictions}, in one sentence, or empty when every row holds up.
   *
   * @param split the split every row must be of, or null for any
   */
  public static Optional<String> problem(Dataset<Row> predictions, String modelId, String split) {
    Column p = col(ModelScoring.PROBABILITY);
    Column label = col("label");
    Column bad =
        col("id")
            .isNull()
            .or(p.isNull())
            .or(p.isNaN())
            .or(p.lt(0))
            .or(p.gt(1))
            .or(label.isNull())
            .or(org.apache.spark.sql.functions.not(label.isin(0, 1)))
            .or(col("predicted_label").isNull())
            .or(col("predicted_label").notEqual(ModelScoring.predictedLabel(p)))
            .or(col("model_id").isNull())
            .or(col("model_id").notEqual(lit(modelId)));
    if (split != null) {
      bad = bad.or(col("split").isNull()).or(col("split").notEqual(lit(split)));
    }
    Column flagged = org.apache.spark.sql.functions.coalesce(bad, lit(true));
    Row r = predictions.agg(count(lit(1)), sum(when(flagged, 1).otherwise(0))).first();
    long rows = r.getLong(0);
    long badRows = r.isNullAt(1) ? 0 : r.getLong(1);
    if (rows == 0) {
      return Optional.of("there are no predictions");
    }
    if (badRows == 0) {
      return Optional.empty();
    }
    Row example = predictions.filter(flagged).select("id").first();
    return Optional.of(
        String.format(
            "%d of %d prediction rows (e.g. id %s) are not %s prediction of model %s with a 0/1"
                + " label and a probability in [0, 1] that gives its predicted_label",
            badRows,
            rows,
            example.isNullAt(0) ? "null" : example.getString(0),
            split == null ? "a" : "a " + split,
            modelId));
  }
}
