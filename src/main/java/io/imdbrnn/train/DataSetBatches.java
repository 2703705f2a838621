package io.imdbrnn.train;

import io.imdbrnn.spark.TokenFeatures;
import io.imdbrnn.spark.TokenizedDataset;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one adapter from prepared rows to Deeplearning4j minibatches: groups rows ({@code tokens},
 * {@code label}) into {@link DataSet}s of at most {@code batchSize} examples, with features {@code
 * [batch, maxLen]} (token ids as floats, the embedding layer's input) and labels {@code [batch,
 * 1]}. Runs inside executor tasks; it holds one batch at a time.
 */
public final class DataSetBatches implements Iterator<DataSet> {
  private final Iterator<Row> rows;
  private final int batchSize;
  private final int maxLen;
  private final int tokensField;
  private final int labelField;

  /**
   * @param rows rows with {@link TokenizedDataset#TOKENS} and {@link TokenizedDataset#LABEL}
   */
  public DataSetBatches(
      Iterator<Row> rows, int batchSize, int maxLen, int tokensField, int labelField) {
    if (batchSize < 1 || maxLen < 1) {
      throw new IllegalArgumentException("batchSize and maxLen must be positive");
    }
    this.rows = rows;
    this.batchSize = batchSize;
    this.maxLen = maxLen;
    this.tokensField = tokensField;
    this.labelField = labelField;
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public DataSet next() {
    if (!rows.hasNext()) {
      throw new NoSuchElementException();
    }
    float[][] features = new float[batchSize][];
    float[][] labels = new float[batchSize][];
    int n = 0;
    while (n < batchSize && rows.hasNext()) {
      Row row = rows.next();
      features[n] = TokenFeatures.row(row, tokensField, maxLen);
      labels[n] = new float[] {row.getInt(labelField)};
      n++;
    }
    if (n < batchSize) {
      features = java.util.Arrays.copyOf(features, n);
      labels = java.util.Arrays.copyOf(labels, n);
    }
    return new DataSet(Nd4j.createFromArray(features), Nd4j.createFromArray(labels));
  }
}
