package io.imdbrnn.model.fused;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A recurrent layer's mask as the kernels read it. */
final class StepMask {
  private StepMask() {}

  /**
   * {@code mask} as {@code [rows × steps]} floats (1 = real step, 0 = padding), or null without
   * one; a mask of another shape is named with the layer.
   */
  static float[] of(INDArray mask, int rows, int steps, String layerId) {
    if (mask == null) {
      return null;
    }
    if (mask.rank() != 2 || mask.size(0) != rows || mask.size(1) != steps) {
      throw new IllegalStateException(
          String.format(
              "Layer %s: the mask must have shape [%d, %d] (minibatch, time steps), got %s",
              layerId, rows, steps, mask.shapeInfoToString()));
    }
    return HeapArrays.floats(mask);
  }
}
