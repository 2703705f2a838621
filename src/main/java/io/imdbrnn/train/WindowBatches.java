package io.imdbrnn.train;

import io.imdbrnn.model.NextTokenBatch;
import io.imdbrnn.scoring.WindowRows;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Window rows ({@code chars}) to next-char minibatches of at most {@code batchSize} windows, in row
 * order (the epoch's shuffle has already ordered them). Runs inside executor tasks.
 */
final class WindowBatches implements Iterator<DataSet> {
  private final Iterator<Row> rows;
  private final int charsField;
  private final int batchSize;
  private final int vocabSize;

  WindowBatches(Iterator<Row> rows, int charsField, int batchSize, int vocabSize) {
    this.rows = rows;
    this.charsField = charsField;
    this.batchSize = batchSize;
    this.vocabSize = vocabSize;
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
    java.util.List<int[]> windows = new java.util.ArrayList<>(batchSize);
    while (windows.size() < batchSize && rows.hasNext()) {
      windows.add(WindowRows.ids(rows.next(), charsField));
    }
    return NextTokenBatch.of(windows.toArray(new int[0][]), vocabSize);
  }
}
