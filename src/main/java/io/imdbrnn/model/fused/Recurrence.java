package io.imdbrnn.model.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward pass of the recurrence, with its states kept on the Java heap for the backward pass.
 * Arrays passed in and out are row-major {@code [rows × steps, n]} ("rows" of the minibatch times
 * time steps). Float networks use the SIMD kernel when the JVM has the Vector API, as float arrays;
 * double networks, and float ones without it, use the scalar kernel on double arrays.
 */
final class Recurrence {
  final int rows;
  final int steps;
  final int n;
  private final float[] mask;
  private final CellActivation act;
  private final boolean simd;
  private final Object h0;
  private final Object state;

  private Recurrence(
      INDArray zx,
      INDArray bias,
      INDArray u,
      INDArray h0,
      float[] mask,
      CellActivation act,
      int rows,
      int steps,
      int n) {
    this.rows = rows;
    this.steps = steps;
    this.n = n;
    this.mask = mask;
    this.act = act;
    this.simd = zx.dataType() == DataType.FLOAT && VectorSupport.AVAILABLE;
    if (zx.dataType() == DataType.FLOAT && !simd) {
      VectorSupport.warnOnceIfMissing();
    }
    // The kernels run in place: each step's projection is the start of its own state, and the
    // projections are not needed afterwards, so the copy out of ND4J becomes the state array.
    if (simd) {
      float[] s = HeapArrays.floats(zx);
      this.h0 = h0 == null ? null : HeapArrays.floats(h0);
      VectorRnnKernel.forward(
          s,
          HeapArrays.floats(bias),
          HeapArrays.floats(u),
          (float[]) this.h0,
          mask,
          act,
          rows,
          steps,
          n,
          s);
      this.state = s;
    } else {
      double[] s = HeapArrays.doubles(zx);
      this.h0 = h0 == null ? null : HeapArrays.doubles(h0);
      ScalarRnnKernel.forward(
          s,
          HeapArrays.doubles(bias),
          HeapArrays.doubles(u),
          (double[]) this.h0,
          mask,
          act,
          rows,
          steps,
          n,
          s);
      this.state = s;
    }
  }

  /**
   * @param zx input projections, {@code [rows × steps, n]}
   * @param bias {@code [1, n]}, added to every step inside the kernel (one pass fewer)
   * @param u recurrent weights {@code [n, n]}
   * @param h0 initial states {@code [rows, n]}, or null for zeros
   * @param mask {@code [rows × steps]} (1 = real step, 0 = padding), or null
   */
  static Recurrence forward(
      INDArray zx,
      INDArray bias,
      INDArray u,
      INDArray h0,
      float[] mask,
      CellActivation act,
      int rows,
      int steps,
      int n) {
    return new Recurrence(zx, bias, u, h0, mask, act, rows, steps, n);
  }

  /** The state after each step, {@code [rows × steps, n]}. */
  INDArray states(DataType type) {
    return HeapArrays.of(state, type, (long) rows * steps, n);
  }

  /** The state entering each step (the initial state for step 0), {@code [rows × steps, n]}. */
  INDArray previousStates(DataType type) {
    return HeapArrays.of(
        StepRows.previous(state, h0, rows, steps, n), type, (long) rows * steps, n);
  }

  /** The state after the last step, {@code [rows, n]}. */
  INDArray lastStates(DataType type) {
    return HeapArrays.of(StepRows.last(state, rows, steps, n), type, rows, n);
  }

  /**
   * The loss gradient with respect to each step's pre-activation, {@code [rows × steps, n]} (zero
   * on masked steps), and its column sums (the bias gradient).
   */
  record Gradient(INDArray preActivations, double[] columnSums) {}

  /**
   * The loss gradient with respect to each step's pre-activation; zero on masked steps.
   *
   * @param eps gradient with respect to each step's output {@code [rows × steps, n]}, or, when
   *     {@code lastOnly}, to the last step's output only, {@code [rows, n]}
   * @param firstStep steps before it get no gradient (truncated back-propagation through time)
   */
  Gradient backward(INDArray eps, boolean lastOnly, INDArray u, int firstStep, DataType type) {
    long[] shape = {(long) rows * steps, n};
    int size = rows * steps * n;
    if (simd) {
      float[] e = HeapArrays.floats(eps);
      float[] dz = new float[size];
      VectorRnnKernel.backward(
          lastOnly ? (float[]) StepRows.atLastStep(e, rows, steps, n) : e,
          (float[]) state,
          mask,
          HeapArrays.floats(u.transpose()),
          act,
          rows,
          steps,
          n,
          firstStep,
          dz);
      return new Gradient(HeapArrays.of(dz, type, shape), HeapArrays.columnSums(dz, n));
    }
    double[] e = HeapArrays.doubles(eps);
    double[] dz = new double[size];
    ScalarRnnKernel.backward(
        lastOnly ? (double[]) StepRows.atLastStep(e, rows, steps, n) : e,
        (double[]) state,
        mask,
        HeapArrays.doubles(u.transpose()),
        act,
        rows,
        steps,
        n,
        firstStep,
        dz);
    return new Gradient(HeapArrays.of(dz, type, shape), HeapArrays.columnSums(dz, n));
  }
}
