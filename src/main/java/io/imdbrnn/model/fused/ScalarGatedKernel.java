package io.imdbrnn.model.fused;

import java.util.Arrays;

/**
 * {@link VectorGatedKernel}'s time loop in plain double-precision code, one row at a time: the path
 * for double networks (gradient checks) and for JVMs without {@code jdk.incubator.vector}. Same
 * layout and semantics.
 */
abstract class ScalarGatedKernel {
  final int rows;
  final int steps;
  final int n;
  final int width;

  /** Steps kept per row: all of them, or the last two. */
  final int kept;

  final double[] h;
  final double[] gates;
  final double[] h0;

  /**
   * @param keepAll keep every step's outputs and gates (for a backward pass or a full-sequence
   *     output); without it only two steps' are kept, as a ring, enough for the last state
   */
  ScalarGatedKernel(GatedCell cell, int rows, int steps, int n, double[] h0, boolean keepAll) {
    this.rows = rows;
    this.steps = steps;
    this.n = n;
    this.width = cell.projected * n;
    this.h0 = h0;
    this.kept = keepAll ? steps : 2;
    this.h = new double[rows * kept * n];
    this.gates = new double[rows * kept * GatedCell.KEPT * n];
  }

  /** Where step t of row b is kept, in units of one step's values. */
  final int slot(int b, int t) {
    return kept == steps ? b * steps + t : b * 2 + (t & 1);
  }

  /** As {@link VectorGatedKernel#step}, with {@code rec} holding this row's recurrent part. */
  abstract void step(
      double[] zx, int z, double[] rec, double[] hPrev, double[] cPrev, int p, int row);

  abstract double[] cellsBefore(int t);

  abstract void carry(double[] hPrev, double[] cPrev, int p, int row);

  /** As {@link VectorGatedKernel#stepBack}, for a carry of one row. */
  abstract void stepBack(
      double[] eps,
      double[] carryH,
      double[] carryC,
      double[] hPrev,
      double[] cPrev,
      int p,
      int row,
      double[] dzIn,
      double[] dzRec);

  final void forward(double[] zx, double[] recBias, double[] u, float[] mask) {
    double[] rec = new double[width];
    for (int b = 0; b < rows; b++) {
      for (int t = 0; t < steps; t++) {
        int row = b * steps + t;
        double[] hPrev = t > 0 ? h : h0;
        double[] cPrev = cellsBefore(t);
        int p = t > 0 ? slot(b, t - 1) * n : b * n;
        int s = slot(b, t);
        if (mask != null && mask[row] == 0f) {
          carry(hPrev, cPrev, p, s);
          continue;
        }
        if (recBias == null) {
          Arrays.fill(rec, 0.0);
        } else {
          System.arraycopy(recBias, 0, rec, 0, width);
        }
        if (hPrev != null) {
          RowProduct.multiplyAdd(hPrev, p, n, u, width, rec, 0);
        }
        step(zx, row * width, rec, hPrev, cPrev, p, s);
      }
    }
  }

  /** As {@link VectorGatedKernel#backward}. */
  final void backward(
      double[] eps,
      double[] epsLast,
      double[] ut,
      float[] mask,
      int firstStep,
      double[] dzIn,
      double[] dzRec) {
    double[] carryH = new double[n];
    double[] carryC = new double[n];
    for (int b = 0; b < rows; b++) {
      Arrays.fill(carryH, 0.0);
      Arrays.fill(carryC, 0.0);
      if (epsLast != null) {
        System.arraycopy(epsLast, b * n, carryH, 0, n);
      }
      for (int t = steps - 1; t >= firstStep; t--) {
        int row = b * steps + t;
        if (mask != null && mask[row] == 0f) {
          continue;
        }
        int p = t > 0 ? (row - 1) * n : b * n;
        stepBack(eps, carryH, carryC, t > 0 ? h : h0, cellsBefore(t), p, row, dzIn, dzRec);
        RowProduct.multiplyAdd(dzRec, row * width, width, ut, n, carryH, 0);
      }
    }
  }

  static double prevOrZero(double[] a, int i) {
    return a == null ? 0.0 : a[i];
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + Math.exp(-x));
  }
}
