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
      for (; j0 + 4 * L <= width; j0 += 4 * L) {
        fourBlocks(src, srcOff, k, m, width, dst, dstOff, j0);
      }
      for (; j0 + 2 * L <= width; j0 += 2 * L) {
        twoBlocks(src, srcOff, k, m, width, dst, dstOff, j0);
      }
      for (; j0 < width; j0 += L) {
        oneBlock(src, srcOff, k, m, width, dst, dstOff, j0);
      }
    } else {
      for (int r = 0; r < tile; r++) {
        int j0 = 0;
        for (; j0 + 4 * L <= width; j0 += 4 * L) {
          oneRowFourBlocks(src, srcOff[r], k, m, width, dst, dstOff[r], j0);
        }
        for (; j0 < width; j0 += L) {
          oneRow(src, srcOff[r], k, m, width, dst, dstOff[r], j0);
        }
      }
    }
  }

  /**
   * Four rows by four column blocks: sixteen accumulators, so each broadcast row value feeds four
   * FMAs and each loaded block of {@code m} four (the gated cells' widths, 3n and 4n, have them).
   */
  private static void fourBlocks(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    int j1 = j0 + L;
    int j2 = j0 + 2 * L;
    int j3 = j0 + 3 * L;
    FloatVector a00 = FloatVector.fromArray(S, dst, dOff[0] + j0);
    FloatVector a01 = FloatVector.fromArray(S, dst, dOff[0] + j1);
    FloatVector a02 = FloatVector.fromArray(S, dst, dOff[0] + j2);
    FloatVector a03 = FloatVector.fromArray(S, dst, dOff[0] + j3);
    FloatVector a10 = FloatVector.fromArray(S, dst, dOff[1] + j0);
    FloatVector a11 = FloatVector.fromArray(S, dst, dOff[1] + j1);
    FloatVector a12 = FloatVector.fromArray(S, dst, dOff[1] + j2);
    FloatVector a13 = FloatVector.fromArray(S, dst, dOff[1] + j3);
    FloatVector a20 = FloatVector.fromArray(S, dst, dOff[2] + j0);
    FloatVector a21 = FloatVector.fromArray(S, dst, dOff[2] + j1);
    FloatVector a22 = FloatVector.fromArray(S, dst, dOff[2] + j2);
    FloatVector a23 = FloatVector.fromArray(S, dst, dOff[2] + j3);
    FloatVector a30 = FloatVector.fromArray(S, dst, dOff[3] + j0);
    FloatVector a31 = FloatVector.fromArray(S, dst, dOff[3] + j1);
    FloatVector a32 = FloatVector.fromArray(S, dst, dOff[3] + j2);
    FloatVector a33 = FloatVector.fromArray(S, dst, dOff[3] + j3);
    int s0 = so[0];
    int s1 = so[1];
    int s2 = so[2];
    int s3 = so[3];
    for (int i = 0; i < k; i++) {
      int row = i * width;
      FloatVector m0 = FloatVector.fromArray(S, m, row + j0);
      FloatVector m1 = FloatVector.fromArray(S, m, row + j1);
      FloatVector m2 = FloatVector.fromArray(S, m, row + j2);
      FloatVector m3 = FloatVector.fromArray(S, m, row + j3);
      FloatVector x = FloatVector.broadcast(S, src[s0 + i]);
      a00 = m0.fma(x, a00);
      a01 = m1.fma(x, a01);
      a02 = m2.fma(x, a02);
      a03 = m3.fma(x, a03);
      x = FloatVector.broadcast(S, src[s1 + i]);
      a10 = m0.fma(x, a10);
      a11 = m1.fma(x, a11);
      a12 = m2.fma(x, a12);
      a13 = m3.fma(x, a13);
      x = FloatVector.broadcast(S, src[s2 + i]);
      a20 = m0.fma(x, a20);
      a21 = m1.fma(x, a21);
      a22 = m2.fma(x, a22);
      a23 = m3.fma(x, a23);
      x = FloatVector.broadcast(S, src[s3 + i]);
      a30 = m0.fma(x, a30);
      a31 = m1.fma(x, a31);
      a32 = m2.fma(x, a32);
      a33 = m3.fma(x, a33);
    }
    a00.intoArray(dst, dOff[0] + j0);
    a01.intoArray(dst, dOff[0] + j1);
    a02.intoArray(dst, dOff[0] + j2);
    a03.intoArray(dst, dOff[0] + j3);
    a10.intoArray(dst, dOff[1] + j0);
    a11.intoArray(dst, dOff[1] + j1);
    a12.intoArray(dst, dOff[1] + j2);
    a13.intoArray(dst, dOff[1] + j3);
    a20.intoArray(dst, dOff[2] + j0);
    a21.intoArray(dst, dOff[2] + j1);
    a22.intoArray(dst, dOff[2] + j2);
    a23.intoArray(dst, dOff[2] + j3);
    a30.intoArray(dst, dOff[3] + j0);
    a31.intoArray(dst, dOff[3] + j1);
    a32.intoArray(dst, dOff[3] + j2);
    a33.intoArray(dst, dOff[3] + j3);
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

  /**
   * One row by four column blocks: four independent accumulators, so a row alone (sampling one
   * sequence, the last rows of a minibatch) is not bound by the latency of a single FMA chain.
   */
  private static void oneRowFourBlocks(
      float[] src, int so, int k, float[] m, int width, float[] dst, int d, int j0) {
    int j1 = j0 + L;
    int j2 = j0 + 2 * L;
    int j3 = j0 + 3 * L;
    FloatVector a0 = FloatVector.fromArray(S, dst, d + j0);
    FloatVector a1 = FloatVector.fromArray(S, dst, d + j1);
    FloatVector a2 = FloatVector.fromArray(S, dst, d + j2);
    FloatVector a3 = FloatVector.fromArray(S, dst, d + j3);
    for (int i = 0; i < k; i++) {
      int row = i * width;
      FloatVector x = FloatVector.broadcast(S, src[so + i]);
      a0 = FloatVector.fromArray(S, m, row + j0).fma(x, a0);
      a1 = FloatVector.fromArray(S, m, row + j1).fma(x, a1);
      a2 = FloatVector.fromArray(S, m, row + j2).fma(x, a2);
      a3 = FloatVector.fromArray(S, m, row + j3).fma(x, a3);
    }
    a0.intoArray(dst, d + j0);
    a1.intoArray(dst, d + j1);
    a2.intoArray(dst, d + j2);
    a3.intoArray(dst, d + j3);
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
