package io.imdbrnn.model.fused;

import java.lang.reflect.Array;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rearrangements of per-step rows ({@code [rows][steps][n]}, row-major, in a {@code float[]} or
 * {@code double[]}) that every recurrent pass needs around its kernel.
 */
final class StepRows {
  private StepRows() {}

  /** The state entering each step: {@code h0} (or zeros) for step 0, else the previous step's. */
  static Object previous(Object states, Object h0, int rows, int steps, int n) {
    Object prev = Array.newInstance(states.getClass().getComponentType(), rows * steps * n);
    for (int b = 0; b < rows; b++) {
      int row = b * steps * n;
      if (h0 != null) {
        System.arraycopy(h0, b * n, prev, row, n);
      }
      System.arraycopy(states, row, prev, row + n, (steps - 1) * n);
    }
    return prev;
  }

  /** Each row's last step, {@code [rows][n]}. */
  static Object last(Object states, int rows, int steps, int n) {
    return at(states, rows, steps, steps - 1, n);
  }

  /** Step {@code index} of each row, from rows of {@code stride} steps, {@code [rows][n]}. */
  static Object at(Object states, int rows, int stride, int index, int n) {
    Object out = Array.newInstance(states.getClass().getComponentType(), rows * n);
    for (int b = 0; b < rows; b++) {
      System.arraycopy(states, (b * stride + index) * n, out, b * n, n);
    }
    return out;
  }

  /** A {@code [rows][n]} last-step gradient in an otherwise zero {@code [rows][steps][n]} one. */
  static Object atLastStep(Object lastStep, int rows, int steps, int n) {
    Object all = Array.newInstance(lastStep.getClass().getComponentType(), rows * steps * n);
    for (int b = 0; b < rows; b++) {
      System.arraycopy(lastStep, b * n, all, ((b + 1) * steps - 1) * n, n);
    }
    return all;
  }

  /** Each row's steps in reverse order, {@code [rows][steps][w]}. */
  static Object reversed(Object a, int rows, int steps, int w) {
    Object out = Array.newInstance(a.getClass().getComponentType(), rows * steps * w);
    for (int b = 0; b < rows; b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(a, (b * steps + t) * w, out, (b * steps + steps - 1 - t) * w, w);
      }
    }
    return out;
  }

  /** {@link #reversed(Object, int, int, int)} of {@code [rows × steps, w]} rows. */
  static INDArray reversed(INDArray a, int rows, int steps) {
    int w = (int) a.size(1);
    Object heap = a.dataType() == DataType.DOUBLE ? HeapArrays.doubles(a) : HeapArrays.floats(a);
    return HeapArrays.of(reversed(heap, rows, steps, w), a.dataType(), a.size(0), w);
  }
}
