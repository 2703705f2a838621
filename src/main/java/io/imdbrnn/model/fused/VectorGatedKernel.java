package io.imdbrnn.model.fused;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sequential part of a gated cell in float with explicit SIMD: the time loop, the recurrent
 * product of each step as a {@link TileProduct} over four rows, masking and subnormal flushing.
 * What a cell computes from its gates is left to {@link VectorLstmCell} and {@link VectorGruCell}.
 * Transcendentals use the Vector API's lane-wise {@code EXP} and {@code TANH}, which HotSpot on x64
 * compiles to SVML calls: about 0.3 ns a value against 25 ns for {@code Math.tanh}.
 *
 * <p>Layout (row-major): {@code zx [rows][steps][projected·n]} input projections with the input
 * bias added; {@code u [n][projected·n]}; {@code h}, {@code c} {@code [rows][steps][n]}; {@code
 * gates [rows][steps][4n]}. A masked step carries the previous states unchanged and has no gates.
 */
abstract class VectorGatedKernel {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  private static final int TILE = TileProduct.TILE;

  final int rows;
  final int steps;
  final int n;
  final int width;

  /** Steps kept per row: all of them, or the last two. */
  final int kept;

  /** Outputs after each step, and the gate values of each step. */
  final float[] h;

  final float[] gates;

  /** States entering step 0, {@code [rows][n]}, or null for zeros. */
  final float[] h0;

  /**
   * @param keepAll keep every step's outputs and gates (for a backward pass or a full-sequence
   *     output); without it only two steps' are kept, as a ring, enough for the last state
   */
  VectorGatedKernel(GatedCell cell, int rows, int steps, int n, float[] h0, boolean keepAll) {
    this.rows = rows;
    this.steps = steps;
    this.n = n;
    this.width = cell.projected * n;
    this.h0 = h0;
    this.kept = keepAll ? steps : 2;
    this.h = new float[rows * kept * n];
    this.gates = new float[rows * kept * GatedCell.KEPT * n];
  }

  /** Where step t of row b is kept, in units of one step's values. */
  final int slot(int b, int t) {
    return kept == steps ? b * steps + t : b * 2 + (t & 1);
  }

  /**
   * One unmasked step of one row: gate values and states from the step's projection {@code zx} at
   * {@code z}, its recurrent part {@code rec} at {@code r}, and the previous states at {@code p} in
   * {@code hPrev}/{@code cPrev} (null for zeros).
   */
  abstract void step(
      float[] zx, int z, float[] rec, int r, float[] hPrev, float[] cPrev, int p, int row);

  /** The previous cell states array for step t (0: the initial ones), or null. */
  abstract float[] cellsBefore(int t);

  /** Copies a row's previous states into step {@code row} (a masked step). */
  abstract void carry(float[] hPrev, float[] cPrev, int p, int row);

  /**
   * One step of one row backwards: writes the gradients of the projections ({@code dzIn}, and
   * {@code dzRec} for the recurrent product where the cell tells them apart) at {@code row},
   * updates the cell-state carry and sets the output carry to what bypasses the recurrent product.
   */
  abstract void stepBack(
      float[] eps,
      float[] carryH,
      float[] carryC,
      int k,
      float[] hPrev,
      float[] cPrev,
      int p,
      int row,
      float[] dzIn,
      float[] dzRec);

  final void forward(float[] zx, float[] recBias, float[] u, float[] mask) {
    float[] rec = new float[TILE * width];
    int[] prev = new int[TILE];
    int[] recOff = new int[TILE];
    for (int k = 0; k < TILE; k++) {
      recOff[k] = k * width;
    }
    for (int b0 = 0; b0 < rows; b0 += TILE) {
      int tile = Math.min(TILE, rows - b0);
      for (int t = 0; t < steps; t++) {
        float[] hPrev = t > 0 ? h : h0;
        float[] cPrev = cellsBefore(t);
        for (int k = 0; k < tile; k++) {
          int b = b0 + k;
          prev[k] = t > 0 ? slot(b, t - 1) * n : b * n;
          if (recBias == null) {
            Arrays.fill(rec, recOff[k], recOff[k] + width, 0f);
          } else {
            System.arraycopy(recBias, 0, rec, recOff[k], width);
          }
        }
        if (hPrev != null) {
          TileProduct.multiplyAdd(hPrev, prev, n, u, width, rec, recOff, tile);
        }
        for (int k = 0; k < tile; k++) {
          int row = (b0 + k) * steps + t;
          int s = slot(b0 + k, t);
          if (mask != null && mask[row] == 0f) {
            carry(hPrev, cPrev, prev[k], s);
          } else {
            step(zx, row * width, rec, recOff[k], hPrev, cPrev, prev[k], s);
          }
        }
      }
    }
  }

  /**
   * Back-propagates through time. Rows of {@code dzIn}/{@code dzRec} stay zero on masked steps and
   * before {@code firstStep}.
   *
   * @param eps loss gradient of every step's output {@code [rows][steps][n]}, or null
   * @param epsLast loss gradient of the output after the last step {@code [rows][n]}, or null. It
   *     enters as the initial carry, so it passes through trailing padding (which carried that
   *     state) to each row's last real step.
   * @param ut the recurrent matrix transposed, {@code [projected·n][n]}
   */
  final void backward(
      float[] eps,
      float[] epsLast,
      float[] ut,
      float[] mask,
      int firstStep,
      float[] dzIn,
      float[] dzRec) {
    float[] carryH = new float[TILE * n];
    float[] carryC = new float[TILE * n];
    int[] src = new int[TILE];
    int[] dst = new int[TILE];
    for (int k = 0; k < TILE; k++) {
      dst[k] = k * n;
    }
    for (int b0 = 0; b0 < rows; b0 += TILE) {
      int tile = Math.min(TILE, rows - b0);
      Arrays.fill(carryH, 0f);
      Arrays.fill(carryC, 0f);
      if (epsLast != null) {
        System.arraycopy(epsLast, b0 * n, carryH, 0, tile * n);
      }
      for (int t = steps - 1; t >= firstStep; t--) {
        float[] hPrev = t > 0 ? h : h0;
        float[] cPrev = cellsBefore(t);
        for (int k = 0; k < tile; k++) {
          int b = b0 + k;
          int row = b * steps + t;
          src[k] = row * width;
          if (mask == null || mask[row] != 0f) {
            int p = t > 0 ? (row - 1) * n : b * n;
            stepBack(eps, carryH, carryC, k, hPrev, cPrev, p, row, dzIn, dzRec);
          }
        }
        // A masked row's dzRec is zero: it adds nothing and keeps its carry.
        TileProduct.multiplyAdd(dzRec, src, width, ut, n, carryH, dst, tile);
        flushSubnormals(carryH);
        flushSubnormals(carryC);
      }
    }
  }

  private float[] zeros = new float[0];

  /** A zero array of at least {@code length}: the states before the first step, when none given. */
  final float[] zeros(int length) {
    if (zeros.length < length) {
      // Initial states need rows·n; a missing gradient of every step, all of them at once.
      zeros = new float[length > rows * n ? rows * steps * n : rows * n];
    }
    return zeros;
  }

  /** Lanes j.. of a row: all of them, or a mask for the row's tail. */
  final VectorMask<Float> lanes(int j) {
    return j + L <= n ? null : S.indexInRange(j, n);
  }

  static FloatVector load(float[] a, int off, VectorMask<Float> m) {
    return m == null ? FloatVector.fromArray(S, a, off) : FloatVector.fromArray(S, a, off, m);
  }

  static void store(FloatVector v, float[] a, int off, VectorMask<Float> m) {
    if (m == null) {
      v.intoArray(a, off);
    } else {
      v.intoArray(a, off, m);
    }
  }

  static FloatVector sigmoid(FloatVector x) {
    return FloatVector.broadcast(S, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
  }

  static FloatVector tanh(FloatVector x) {
    return x.lanewise(VectorOperators.TANH);
  }

  /** {@code v·(1 − v)}: a sigmoid's derivative from its output. */
  static FloatVector sigmoidSlope(FloatVector v) {
    return v.mul(FloatVector.broadcast(S, 1f).sub(v));
  }

  /** {@code 1 − v²}: tanh's derivative from its output. */
  static FloatVector tanhSlope(FloatVector v) {
    return v.fma(v.neg(), FloatVector.broadcast(S, 1f));
  }

  /**
   * Gradients decay into the subnormal range over hundreds of steps, where x86 is about a hundred
   * times slower; Java cannot set the CPU's flush-to-zero mode, so the kernel flushes.
   */
  private static void flushSubnormals(float[] v) {
    int j = 0;
    for (; j + L <= v.length; j += L) {
      FloatVector x = FloatVector.fromArray(S, v, j);
      x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(v, j);
    }
    for (; j < v.length; j++) {
      if (Math.abs(v[j]) < Float.MIN_NORMAL) {
        v[j] = 0f;
      }
    }
  }
}
