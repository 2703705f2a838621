package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sequential part of a simple RNN in float with explicit SIMD (the JDK Vector API). Arrays are
 * row-major {@code [row][step][unit]}; a recurrent matrix {@code m} is row-major {@code [n][n]}.
 *
 * <p>Why it is shaped this way: one step is a {@code [rows × n] · [n × n]} product with n = 32, far
 * too small for BLAS (the call costs more than the arithmetic) and too short a loop for HotSpot's
 * auto-vectorizer, which leaves it scalar. Four rows are advanced together so each loaded row of
 * {@code m} feeds four fused multiply-adds and eight accumulators are in flight at once, which
 * hides the FMA latency. Subnormal values are flushed to zero after every step: a ReLU RNN's
 * gradients decay into that range over hundreds of steps, and x86 computes on subnormals about a
 * hundred times slower; Java cannot set the CPU's flush-to-zero mode, so the kernel does it.
 */
final class VectorRnnKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int TILE = 4;

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
    if (tile == TILE) {
      int j0 = 0;
      for (; j0 + 2 * L <= n; j0 += 2 * L) {
        multiplyAddTwoBlocks(src, srcOff, m, dst, dstOff, n, j0);
      }
      for (; j0 < n; j0 += L) {
        multiplyAddBlock(src, srcOff, m, dst, dstOff, n, j0);
      }
    } else {
      for (int k = 0; k < tile; k++) {
        for (int j0 = 0; j0 < n; j0 += L) {
          multiplyAddRow(src, srcOff[k], m, dst, dstOff[k], n, j0);
        }
      }
    }
  }

  private static void multiplyAddTwoBlocks(
      float[] src, int[] so, float[] m, float[] dst, int[] dOff, int n, int j0) {
    int j1 = j0 + L;
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[0] + j0);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[1] + j0);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[2] + j0);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[3] + j0);
    FloatVector c0 = FloatVector.fromArray(S, dst, dOff[0] + j1);
    FloatVector c1 = FloatVector.fromArray(S, dst, dOff[1] + j1);
    FloatVector c2 = FloatVector.fromArray(S, dst, dOff[2] + j1);
    FloatVector c3 = FloatVector.fromArray(S, dst, dOff[3] + j1);
    int s0 = so[0];
    int s1 = so[1];
    int s2 = so[2];
    int s3 = so[3];
    for (int i = 0; i < n; i++) {
      FloatVector m0 = FloatVector.fromArray(S, m, i * n + j0);
      FloatVector m1 = FloatVector.fromArray(S, m, i * n + j1);
      FloatVector x0 = FloatVector.broadcast(S, src[s0 + i]);
      FloatVector x1 = FloatVector.broadcast(S, src[s1 + i]);
      FloatVector x2 = FloatVector.broadcast(S, src[s2 + i]);
      FloatVector x3 = FloatVector.broadcast(S, src[s3 + i]);
      a0 = m0.fma(x0, a0);
      c0 = m1.fma(x0, c0);
      a1 = m0.fma(x1, a1);
      c1 = m1.fma(x1, c1);
      a2 = m0.fma(x2, a2);
      c2 = m1.fma(x2, c2);
      a3 = m0.fma(x3, a3);
      c3 = m1.fma(x3, c3);
    }
    a0.intoArray(dst, dOff[0] + j0);
    a1.intoArray(dst, dOff[1] + j0);
    a2.intoArray(dst, dOff[2] + j0);
    a3.intoArray(dst, dOff[3] + j0);
    c0.intoArray(dst, dOff[0] + j1);
    c1.intoArray(dst, dOff[1] + j1);
    c2.intoArray(dst, dOff[2] + j1);
    c3.intoArray(dst, dOff[3] + j1);
  }

  private static void multiplyAddBlock(
      float[] src, int[] so, float[] m, float[] dst, int[] dOff, int n, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, n);
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[0] + j0, in);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[1] + j0, in);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[2] + j0, in);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[3] + j0, in);
    for (int i = 0; i < n; i++) {
      FloatVector row = FloatVector.fromArray(S, m, i * n + j0, in);
      a0 = row.fma(FloatVector.broadcast(S, src[so[0] + i]), a0);
      a1 = row.fma(FloatVector.broadcast(S, src[so[1] + i]), a1);
      a2 = row.fma(FloatVector.broadcast(S, src[so[2] + i]), a2);
      a3 = row.fma(FloatVector.broadcast(S, src[so[3] + i]), a3);
    }
    a0.intoArray(dst, dOff[0] + j0, in);
    a1.intoArray(dst, dOff[1] + j0, in);
    a2.intoArray(dst, dOff[2] + j0, in);
    a3.intoArray(dst, dOff[3] + j0, in);
  }

  private static void multiplyAddRow(
      float[] src, int so, float[] m, float[] dst, int d, int n, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, n);
    FloatVector a = FloatVector.fromArray(S, dst, d + j0, in);
    for (int i = 0; i < n; i++) {
      a = FloatVector.fromArray(S, m, i * n + j0, in).fma(FloatVector.broadcast(S, src[so + i]), a);
    }
    a.intoArray(dst, d + j0, in);
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
