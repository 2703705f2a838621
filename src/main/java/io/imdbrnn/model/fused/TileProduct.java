package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small matrix product every recurrent kernel runs once per time step: {@code dst_r += src_r ·
 * m} for the few rows r of a tile, with {@code src_r} a row of {@code k} values and {@code m} a
 * row-major {@code [k][width]} matrix.
 *
 * <p>Why it is shaped this way: the product is {@code [rows × k] · [k × width]} with k = 32, far
 * too small for BLAS (the call costs more than the arithmetic) and too short a loop for HotSpot's
 * auto-vectorizer, which leaves it scalar. Four rows are advanced together so each loaded row of
 * {@code m} feeds four fused multiply-adds, and two column blocks keep eight accumulators in
 * flight, which hides the FMA latency.
 */
final class TileProduct {
  /** Rows advanced together; callers tile their minibatch by it. */
  static final int TILE = 4;

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private TileProduct() {}

  /**
   * {@code dst[dstOff[r] + j] += Σ_i src[srcOff[r] + i] · m[i · width + j]} for the rows r below
   * {@code tile}, i below {@code k} and j below {@code width}.
   */
  static void multiplyAdd(
      float[] src, int[] srcOff, int k, float[] m, int width, float[] dst, int[] dstOff, int tile) {
    if (tile == TILE) {
      int j0 = 0;
      for (; j0 + 2 * L <= width; j0 += 2 * L) {
        twoBlocks(src, srcOff, k, m, width, dst, dstOff, j0);
      }
      for (; j0 < width; j0 += L) {
        oneBlock(src, srcOff, k, m, width, dst, dstOff, j0);
      }
    } else {
      for (int r = 0; r < tile; r++) {
        for (int j0 = 0; j0 < width; j0 += L) {
          oneRow(src, srcOff[r], k, m, width, dst, dstOff[r], j0);
        }
      }
    }
  }

  private static void twoBlocks(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
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
    for (int i = 0; i < k; i++) {
      int row = i * width;
      FloatVector m0 = FloatVector.fromArray(S, m, row + j0);
      FloatVector m1 = FloatVector.fromArray(S, m, row + j1);
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

  private static void oneBlock(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, width);
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[0] + j0, in);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[1] + j0, in);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[2] + j0, in);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[3] + j0, in);
    for (int i = 0; i < k; i++) {
      FloatVector row = FloatVector.fromArray(S, m, i * width + j0, in);
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

  private static void oneRow(
      float[] src, int so, int k, float[] m, int width, float[] dst, int d, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, width);
    FloatVector a = FloatVector.fromArray(S, dst, d + j0, in);
    for (int i = 0; i < k; i++) {
      a =
          FloatVector.fromArray(S, m, i * width + j0, in)
              .fma(FloatVector.broadcast(S, src[so + i]), a);
    }
    a.intoArray(dst, d + j0, in);
  }
}
