package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.imdbrnn.datasets.WindowsDataset;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Next-token figures of scored windows ({@link WindowScoring}): cross-entropy in bits per token
 * (character or word: the language-model figure; a model that knew nothing of 99 ids would score
 * log2 99 ≈ 6.6) and the share of tokens that were the model's most probable guess.
 */
public record TokenMetrics(long reviews, long tokens, double bits, long correct) {
  private static final double LN2 = Math.log(2);

  /** Sums the scored reviews ({@link WindowScoring}) on the executors. */
  public static TokenMetrics of(Dataset<Row> scored) {
    Row r =
        scored
            .agg(
                count(col(WindowsDataset.ID)),
                sum(col(WindowScoring.TARGETS)),
                sum(col(WindowScoring.BITS)),
                sum(col(WindowScoring.CORRECT)))
            .first();
    return new TokenMetrics(
        r.getLong(0),
        r.isNullAt(1) ? 0 : r.getLong(1),
        r.isNullAt(2) ? 0 : r.getDouble(2),
        r.isNullAt(3) ? 0 : r.getLong(3));
  }

  public double bitsPerToken() {
    return tokens == 0 ? Double.NaN : bits / tokens;
  }

  /** The same cross-entropy in nats, the unit of the training loss. */
  public double natsPerToken() {
    return bitsPerToken() * LN2;
  }

  public double accuracy() {
    return tokens == 0 ? Double.NaN : (double) correct / tokens;
  }

  /** The figures in a line, a token being a {@code unit} (char, word). */
  public String summary(String unit) {
    return String.format(
        "%.4f bits/%s (perplexity %.1f), top-1 accuracy %.4f over %,d %ss",
        bitsPerToken(), unit, Math.pow(2, bitsPerToken()), accuracy(), tokens, unit);
  }

  /** The row of {@code metrics/} ({@code EvaluationDatasets.tokenMetricsSchema}). */
  public Row toRow(String modelId, String split, java.sql.Timestamp evaluatedAt) {
    return RowFactory.create(
        modelId, split, reviews, tokens, bitsPerToken(), natsPerToken(), accuracy(), evaluatedAt);
  }
}
