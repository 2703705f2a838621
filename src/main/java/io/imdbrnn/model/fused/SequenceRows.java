package io.imdbrnn.model.fused;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Between DL4J's sequence layouts ({@code [batch, size, steps]} NCW or {@code [batch, steps, size]}
 * NWC) and the {@code [batch × steps, size]} rows the fused layers compute on.
 */
final class SequenceRows {
  private SequenceRows() {}

  /** A sequence as row-major rows, copied only when the layout needs it. */
  static INDArray of(INDArray sequence, RNNFormat format, DataType type, long size) {
    INDArray nwc = format == RNNFormat.NCW ? sequence.permute(0, 2, 1) : sequence;
    return HeapArrays.contiguous(nwc.castTo(type)).reshape('c', nwc.size(0) * nwc.size(1), size);
  }

  /** Rows back into a sequence in {@code format} (a view). */
  static INDArray toSequence(INDArray rows, RNNFormat format, int batch, int steps) {
    INDArray nwc = rows.reshape('c', batch, steps, rows.size(1));
    return format == RNNFormat.NCW ? nwc.permute(0, 2, 1) : nwc;
  }
}
