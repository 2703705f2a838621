package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.imdbrnn.datasets.WindowsDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Next-character figures of scored windows ({@link CharScoring}): cross-entropy in bits per
 * character (the language-model figure: a model that knew nothing of 99 ids would score log2 99 ≈
 * 6.6) and the share of characters that were the model's most probable guess.
 */
public record CharMetrics(long reviews, long chars, double bits, long correct) {
  private static final double LN2 = Math.log(2);

  /** Sums the scored reviews ({@link CharScoring}) on the executors. */
  public static CharMetrics of(Dataset<Row> scored) {
    Row r =
        scored
            .agg(
                count(col(WindowsDataset.ID)),
                sum(col(CharScoring.TARGETS)),
                sum(col(CharScoring.BITS)),
                sum(col(CharScoring.CORRECT)))
            .first();
    return new CharMetrics(
        r.getLong(0),
        r.isNullAt(1) ? 0 : r.getLong(1),
        r.isNullAt(2) ? 0 : r.getDouble(2),
        r.isNullAt(3) ? 0 : r.getLong(3));
  }

  public double bitsPerChar() {
    return chars == 0 ? Double.NaN : bits / chars;
  }

  /** The same cross-entropy in nats, the unit of the training loss. */
  public double natsPerChar() {
    return bitsPerChar() * LN2;
  }

  public double accuracy() {
    return chars == 0 ? Double.NaN : (double) correct / chars;
  }

  public String summary() {
    return String.format(
        "%.4f bits/char, top-1 accuracy %.4f over %,d characters",
        bitsPerChar(), accuracy(), chars);
  }

  /** The row of {@code metrics/} for a next-char evaluation. */
  public Row toRow(String modelId, String split, java.sql.Timestamp evaluatedAt) {
    return RowFactory.create(
        modelId, split, reviews, chars, bitsPerChar(), natsPerChar(), accuracy(), evaluatedAt);
  }
}
