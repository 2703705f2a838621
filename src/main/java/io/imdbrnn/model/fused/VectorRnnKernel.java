package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sequential part of a simple RNN in float with explicit SIMD (the JDK Vector API). Arrays are
 * row-major {@code [row][step][unit]}; a recurrent matrix {@code m} is row-major {@code [n][n]}.
 *
 * <p>Each step's {@code h · m} is a {@link TileProduct} over four rows of the minibatch. Subnormal
 * values are flushed to zero after every step: a ReLU RNN's gradients decay into that range over
 * hundreds of steps, and x86 computes on subnormals about a hundred times slower; Java cannot set
 * the CPU's flush-to-zero mode, so the kernel does it.
 */
final class VectorRnnKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int TILE = TileProduct.TILE;

  private VectorRnnKernel() {}

  /**
   * Runs the recurrence. {@code state[b][t]} becomes the state after step t; a masked step ({@code
   * mask[b][t] == 0}) carries the previous state unchanged.
   *
   * @param zx input projections, {@code [rows][steps][n]}
   * @param bias added to every step's pre-activation, {@code [n]}
   * @param h0 initial states {@code [rows][n]}, or null for zeros
   * @param mask {@code [rows][steps]}, or null for no masking
   */
  static void forward(
      float[] zx,
      float[] bias,
      float[] u,
      float[] h0,
      float[] mask,
      CellActivation act,
      int rows,
      int steps,
      int n,
      float[] state) {
    int[] src = new int[TILE];
    int[] dst = new int[TILE];
    for (int b0 = 0; b0 < rows; b0 += TILE) {
      int tile = Math.min(TILE, rows - b0);
      for (int t = 0; t < steps; t++) {
        for (int k = 0; k < tile; k++) {
          dst[k] = ((b0 + k) * steps + t) * n;
          src[k] = t > 0 ? dst[k] - n : (b0 + k) * n;
          System.arraycopy(zx, dst[k], state, dst[k], n);
        }
        if (t > 0) {
          multiplyAdd(state, src, u, state, dst, tile, n);
        } else if (h0 != null) {
          multiplyAdd(h0, src, u, state, dst, tile, n);
        }
        for (int k = 0; k < tile; k++) {
          int b = b0 + k;
          if (mask != null && mask[b * steps + t] == 0f) {
            carry(t > 0 ? state : h0, src[k], state, dst[k], n);
          } else {
            activate(state, dst[k], n, act, bias);
          }
        }
      }
    }
  }

  /**
   * Back-propagates through time. {@code dz[b][t]} becomes the loss gradient with respect to step
   * t's pre-activation (zero on masked steps and on steps before {@code firstStep}).
   *
   * @param eps loss gradient with respect to each step's output, {@code [rows][steps][n]}
   * @param ut the recurrent matrix transposed, row-major
   */
  static void backward(
      float[] eps,
      float[] state,
      float[] mask,
      float[] ut,
      CellActivation act,
      int rows,
      int steps,
      int n,
      int firstStep,
      float[] dz) {
    float[] carry = new float[TILE * n];
    int[] src = new int[TILE];
    int[] dst = new int[TILE];
    for (int b0 = 0; b0 < rows; b0 += TILE) {
      int tile = Math.min(TILE, rows - b0);
      java.util.Arrays.fill(carry, 0f);
      for (int k = 0; k < tile; k++) {
        dst[k] = k * n;
      }
      for (int t = steps - 1; t >= firstStep; t--) {
        for (int k = 0; k < tile; k++) {
          int b = b0 + k;
          int off = (b * steps + t) * n;
          src[k] = off;
          if (mask != null && mask[b * steps + t] == 0f) {
            java.util.Arrays.fill(dz, off, off + n, 0f);
          } else {
            gradientThroughActivation(eps, state, carry, dst[k], dz, off, n, act);
            java.util.Arrays.fill(carry, dst[k], dst[k] + n, 0f);
          }
        }
        // Masked rows have dz = 0, so they add nothing and keep their carry.
        multiplyAdd(dz, src, ut, carry, dst, tile, n);
        flushSubnormals(carry, 0, tile * n);
      }
      for (int k = 0; k < tile; k++) {
        int from = ((b0 + k) * steps) * n;
        java.util.Arrays.fill(dz, from, from + firstStep * n, 0f);
      }
    }
  }

  /** {@code dst_k += src_k · m} for the tile's rows k. */
  private static void multiplyAdd(
      float[] src, int[] srcOff, float[] m, float[] dst, int[] dstOff, int tile, int n) {
    TileProduct.multiplyAdd(src, srcOff, n, m, n, dst, dstOff, tile);
  }

  private static void carry(float[] from, int fromOff, float[] state, int off, int n) {
    if (from == null) {
      java.util.Arrays.fill(state, off, off + n, 0f);
    } else {
      System.arraycopy(from, fromOff, state, off, n);
    }
  }

  // The element-wise helpers below run whole vectors and finish the n % L tail in scalar code:
  // masked vector operations on the tail are much slower on JDK 17 than either.

  /** Adds the bias, applies the activation and flushes subnormals, in place. */
  private static void activate(float[] v, int off, int n, CellActivation act, float[] bias) {
    if (act == CellActivation.TANH) {
      for (int j = 0; j < n; j++) {
        v[off + j] = (float) Math.tanh(v[off + j] + bias[j]);
      }
    }
    boolean relu = act == CellActivation.RELU;
    boolean biased = act != CellActivation.TANH;
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector x = FloatVector.fromArray(S, v, off + j);
      if (biased) {
        x = x.add(FloatVector.fromArray(S, bias, j));
      }
      // For ReLU, max(0, v) and the subnormal flush are one comparison: v < MIN_NORMAL maps to 0.
      FloatVector tested = relu ? x : x.abs();
      x.blend(0f, tested.compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(v, off + j);
    }
    for (; j < n; j++) {
      float x = biased ? v[off + j] + bias[j] : v[off + j];
      v[off + j] = (relu ? x : Math.abs(x)) < Float.MIN_NORMAL ? 0f : x;
    }
  }

  /** {@code dz = (eps + carry) · act'(state)}, flushed. */
  private static void gradientThroughActivation(
      float[] eps,
      float[] state,
      float[] carry,
      int carryOff,
      float[] dz,
      int off,
      int n,
      CellActivation act) {
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector g =
          FloatVector.fromArray(S, eps, off + j).add(FloatVector.fromArray(S, carry, carryOff + j));
      FloatVector s = FloatVector.fromArray(S, state, off + j);
      g =
          switch (act) {
            case RELU -> g.blend(0f, s.compare(VectorOperators.LE, 0f));
            case TANH -> g.mul(s.fma(s.neg(), FloatVector.broadcast(S, 1f)));
            case IDENTITY -> g;
          };
      g.blend(0f, g.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(dz, off + j);
    }
    for (; j < n; j++) {
      float g = eps[off + j] + carry[carryOff + j];
      float s = state[off + j];
      g =
          switch (act) {
            case RELU -> s > 0f ? g : 0f;
            case TANH -> g * (1f - s * s);
            case IDENTITY -> g;
          };
      dz[off + j] = Math.abs(g) < Float.MIN_NORMAL ? 0f : g;
    }
  }

  private static void flushSubnormals(float[] v, int off, int n) {
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector x = FloatVector.fromArray(S, v, off + j);
      x.blend(0f, x.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)).intoArray(v, off + j);
    }
    for (; j < n; j++) {
      if (Math.abs(v[off + j]) < Float.MIN_NORMAL) {
        v[off + j] = 0f;
      }
    }
  }
}
