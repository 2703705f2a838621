package io.imdbrnn.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of a gated cell over a minibatch, with what the backward pass needs kept on the
 * Java heap. Arrays in and out are row-major {@code [rows × steps, width]}. Float networks run
 * {@link VectorGatedKernel} when the JVM has the Vector API; double networks, and float ones
 * without it, run {@link ScalarGatedKernel}.
 */
final class GatedPass {
  /** Loss gradients of the input projections and of the recurrent products, per step. */
  /**
   * The gradients of the input and recurrent projections, {@code [rows · steps, width]}, and the
   * column sums of each (the bias gradients, {@link HeapArrays#columnSums}).
   */
  record Gradients(
      INDArray input, INDArray recurrent, double[] inputSums, double[] recurrentSums) {}

  final GatedCell cell;
  final int rows;
  final int steps;
  final int n;
  private final float[] mask;
  private final VectorGatedKernel vector;
  private final ScalarGatedKernel scalar;

  /**
   * @param zx input projections with the input bias added, {@code [rows × steps, projected·n]}
   * @param recBias added to each step's recurrent product, {@code [1, projected·n]}, or null
   * @param u recurrent weights {@code [n, projected·n]}
   * @param uFloats the same weights already copied to the heap (row-major floats), or null
   * @param h0 initial outputs {@code [rows, n]}, or null for zeros
   * @param c0 initial LSTM cell states {@code [rows, n]}, or null for zeros
   * @param mask {@code [rows × steps]} (1 = real step, 0 = padding), or null
   * @param keepAll keep what {@link #backward} and {@link #states} need; without it only the last
   *     states can be read (inference: much less memory written)
   */
  GatedPass(
      GatedCell cell,
      INDArray zx,
      INDArray recBias,
      INDArray u,
      float[] uFloats,
      INDArray h0,
      INDArray c0,
      float[] mask,
      int rows,
      int steps,
      int n,
      boolean keepAll) {
    this.cell = cell;
    this.rows = rows;
    this.steps = steps;
    this.n = n;
    this.mask = mask;
    boolean simd = zx.dataType() == DataType.FLOAT && VectorSupport.AVAILABLE;
    if (zx.dataType() == DataType.FLOAT && !simd) {
      VectorSupport.warnOnceIfMissing();
    }
    if (simd) {
      float[] hf = h0 == null ? null : HeapArrays.floats(h0);
      vector =
          cell == GatedCell.LSTM
              ? new VectorLstmCell(
                  rows, steps, n, hf, c0 == null ? null : HeapArrays.floats(c0), keepAll)
              : new VectorGruCell(rows, steps, n, hf, keepAll);
      vector.forward(
          HeapArrays.floats(zx),
          recBias == null ? null : HeapArrays.floats(recBias),
          uFloats != null ? uFloats : HeapArrays.floats(u),
          mask);
      scalar = null;
    } else {
      double[] hd = h0 == null ? null : HeapArrays.doubles(h0);
      scalar =
          cell == GatedCell.LSTM
              ? new ScalarLstmCell(
                  rows, steps, n, hd, c0 == null ? null : HeapArrays.doubles(c0), keepAll)
              : new ScalarGruCell(rows, steps, n, hd, keepAll);
      scalar.forward(
          HeapArrays.doubles(zx),
          recBias == null ? null : HeapArrays.doubles(recBias),
          HeapArrays.doubles(u),
          mask);
      vector = null;
    }
  }

  /** The outputs and (LSTM) cell states after a pass's last step, {@code [rows][n]} each. */
  record Last(float[] h, float[] c) {}

  /**
   * The states after the last step of a float pass over input projections already on the heap,
   * keeping nothing else: the inference paths of {@link ProjectedInference} and {@link
   * FusedStepper}. Needs the Vector API.
   *
   * @param zx input projections with the input bias added, {@code [rows][steps][projected·n]}
   * @param h0 the outputs entering the first step, {@code [rows][n]}, or null for zeros
   * @param c0 the LSTM's cell states entering it, or null for zeros (ignored by a GRU)
   */
  static Last last(
      GatedCell cell,
      float[] zx,
      float[] recBias,
      float[] u,
      float[] h0,
      float[] c0,
      float[] mask,
      int rows,
      int steps,
      int n) {
    VectorGatedKernel k =
        cell == GatedCell.LSTM
            ? new VectorLstmCell(rows, steps, n, h0, c0, false)
            : new VectorGruCell(rows, steps, n, h0, false);
    k.forward(zx, recBias, u, mask);
    int slot = k.slot(0, steps - 1);
    return new Last(
        (float[]) StepRows.at(k.h, rows, k.kept, slot, n),
        k instanceof VectorLstmCell lstm
            ? (float[]) StepRows.at(lstm.c, rows, k.kept, slot, n)
            : null);
  }

  private Object outputs() {
    return vector != null ? vector.h : scalar.h;
  }

  private Object initial() {
    return vector != null ? vector.h0 : scalar.h0;
  }

  /** The output after each step, {@code [rows × steps, n]}. */
  INDArray states(DataType type) {
    return HeapArrays.of(outputs(), type, (long) rows * steps, n);
  }

  /** The output entering each step (the initial one for step 0), {@code [rows × steps, n]}. */
  INDArray previousStates(DataType type) {
    return HeapArrays.of(
        StepRows.previous(outputs(), initial(), rows, steps, n), type, (long) rows * steps, n);
  }

  /** The output after the last step, {@code [rows, n]}. */
  INDArray lastStates(DataType type) {
    return HeapArrays.of(lastOf(outputs()), type, rows, n);
  }

  /** The LSTM cell state after the last step, {@code [rows, n]}. */
  INDArray lastCells(DataType type) {
    Object cells = vector != null ? ((VectorLstmCell) vector).c : ((ScalarLstmCell) scalar).c;
    return HeapArrays.of(lastOf(cells), type, rows, n);
  }

  private Object lastOf(Object kept) {
    int stride = vector != null ? vector.kept : scalar.kept;
    int slot = vector != null ? vector.slot(0, steps - 1) : scalar.slot(0, steps - 1);
    return StepRows.at(kept, rows, stride, slot, n);
  }

  /**
   * Back-propagates through time.
   *
   * @param eps loss gradient of each step's output {@code [rows × steps, n]}, or, when {@code
   *     lastOnly}, of the last step's only, {@code [rows, n]}
   * @param u the recurrent weights of the forward pass
   * @param firstStep steps before it get no gradient (truncated back-propagation through time)
   */
  Gradients backward(INDArray eps, boolean lastOnly, INDArray u, int firstStep, DataType type) {
    int width = cell.projected * n;
    long[] shape = {(long) rows * steps, width};
    int size = rows * steps * width;
    boolean shared = cell == GatedCell.LSTM;
    if (vector != null) {
      float[] e = HeapArrays.floats(eps);
      float[] dzIn = new float[size];
      float[] dzRec = shared ? dzIn : new float[size];
      vector.backward(
          lastOnly ? null : e,
          lastOnly ? e : null,
          HeapArrays.floats(u.transpose()),
          mask,
          firstStep,
          dzIn,
          dzRec);
      return gradients(dzIn, dzRec, type, shape);
    }
    double[] e = HeapArrays.doubles(eps);
    double[] dzIn = new double[size];
    double[] dzRec = shared ? dzIn : new double[size];
    scalar.backward(
        lastOnly ? null : e,
        lastOnly ? e : null,
        HeapArrays.doubles(u.transpose()),
        mask,
        firstStep,
        dzIn,
        dzRec);
    return gradients(dzIn, dzRec, type, shape);
  }

  /** The projections' gradients as ND4J arrays; one array when the cell shares them (LSTM). */
  private static Gradients gradients(Object dzIn, Object dzRec, DataType type, long[] shape) {
    INDArray in = HeapArrays.of(dzIn, type, shape);
    int width = (int) shape[1];
    double[] inSums = HeapArrays.columnSums(dzIn, width);
    return dzRec == dzIn
        ? new Gradients(in, in, inSums, inSums)
        : new Gradients(
            in, HeapArrays.of(dzRec, type, shape), inSums, HeapArrays.columnSums(dzRec, width));
  }
}
