package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.imdbrnn.datasets.LabelColumns;
import io.imdbrnn.labels.LabelIndex;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An evaluation's {@code predictions/} read back as untrusted: every row must be of the expected
 * model (and split, when one is required), with an id, a label the model knows, probabilities that
 * are numbers in [0, 1], and the predicted label those probabilities give. One pass on the
 * executors; a file edited by hand, or written by a model that produced NaN, is caught before any
 * figure is computed or any decision taken on it.
 */
public final class PredictionsCheck {
  private PredictionsCheck() {}

  /**
   * What is wrong with a two-class model's {@code predictions}, in one sentence, or empty when
   * every row holds up.
   *
   * @param split the split every row must be of, or null for any
   */
  public static Optional<String> problem(Dataset<Row> predictions, String modelId, String split) {
    Column p = col(ModelScoring.PROBABILITY);
    Column label = col("label");
    Column bad =
        p.isNull()
            .or(p.isNaN())
            .or(p.lt(0))
            .or(p.gt(1))
            .or(label.isNull())
            .or(not(label.isin(0, 1)))
            .or(col("predicted_label").isNull())
            .or(col("predicted_label").notEqual(ModelScoring.predictedLabel(p)));
    return first(
        predictions,
        bad,
        modelId,
        split,
        "with a 0/1 label and a probability in [0, 1] that gives its predicted_label");
  }

  /**
   * What is wrong with the predictions of a model of {@code labels}: each row needs a label among
   * them, one probability per class, each a number in [0, 1], summing to 1 (within 1e-3, the
   * network computes in single precision), the largest as {@code probability}, and as {@code
   * predicted_label} the class of the first largest.
   */
  public static Optional<String> problem(
      Dataset<Row> predictions, String modelId, String split, LabelIndex labels) {
    Column all = col(ModelScoring.PROBABILITIES);
    Column outOfRange = exists(all, x -> x.isNull().or(x.isNaN()).or(x.lt(0)).or(x.gt(1)));
    Column total = aggregate(all, lit(0.0), (acc, x) -> acc.plus(x));
    Column bad =
        all.isNull()
            .or(size(all).notEqual(labels.size()))
            .or(outOfRange)
            .or(abs(total.minus(1)).gt(1e-3))
            .or(LabelColumns.index(labels, col("label")).isNull())
            .or(col(ModelScoring.PROBABILITY).isNull())
            .or(col(ModelScoring.PROBABILITY).notEqual(array_max(all)))
            .or(col("predicted_label").isNull())
            .or(
                col("predicted_label")
                    .notEqual(LabelColumns.name(labels, ModelScoring.predictedClass(all))));
    return first(
        predictions,
        bad,
        modelId,
        split,
        String.format(
            "with a label among the model's %d classes and a probability per class that gives"
                + " its probability and predicted_label",
            labels.size()));
  }

  /** Counts the rows flagged (or of another model or split) in one pass; names the first. */
  private static Optional<String> first(
      Dataset<Row> predictions, Column bad, String modelId, String split, String expected) {
    bad = bad.or(col("id").isNull()).or(col("model_id").isNull());
    bad = bad.or(col("model_id").notEqual(lit(modelId)));
    if (split != null) {
      bad = bad.or(col("split").isNull()).or(col("split").notEqual(lit(split)));
    }
    Column flagged = coalesce(bad, lit(true));
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
            "%d of %d prediction rows (e.g. id %s) are not %s prediction of model %s %s",
            badRows,
            rows,
            example.isNullAt(0) ? "null" : example.getString(0),
            split == null ? "a" : "a " + split,
            modelId,
            expected));
  }
}
