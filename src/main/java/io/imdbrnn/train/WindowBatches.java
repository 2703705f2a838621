package io.imdbrnn.train;

import io.imdbrnn.model.NextTokenBatch;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Windows (character ids) to next-char minibatches of at most {@code batchSize} windows, in the
 * order given (the epoch's shuffle has already ordered them). Runs inside executor tasks.
 */
final class WindowBatches implements Iterator<DataSet> {
  private final Iterator<int[]> rows;
  private final int batchSize;
  private final int vocabSize;

  WindowBatches(Iterator<int[]> windows, int batchSize, int vocabSize) {
    this.rows = windows;
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
      windows.add(rows.next());
    }
    return NextTokenBatch.of(windows.toArray(new int[0][]), vocabSize);
  }
}
