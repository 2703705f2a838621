package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The small matrix product every recurrent kernel runs once per time step: {@code dst_r += src_r ·
 * m} for the few rows r of a tile, with {@code src_r} a row of {@code k} values and {@code m} a
 * row-major {@code [k][width]} matrix.
 *
 * <p>Why it is shaped this way: the product is {@code [rows × k] · [k × width]}, too small for BLAS
 * at k = 32 (the call costs more than the arithmetic) and, being sequential in time, never one
 * large product at any width; its loops are too short for HotSpot's auto-vectorizer, which leaves
 * them scalar. Several rows are advanced together so each loaded vector of {@code m} feeds several
 * fused multiply-adds, and several column blocks keep enough accumulators in flight to hide the FMA
 * latency. Four rows by four blocks suit a matrix that stays in the L1 cache (k = 32); once {@code
 * m} outgrows it (at 256 units a GRU's is 786 KB), every step streams it from L2 and the loads
 * become the limit, so eight rows by three blocks (24 accumulators of the 32 AVX-512 registers)
 * halve the passes over it. In a standalone loop on this project's 2-vCPU AVX-512 machine, eight
 * rows gave 134 GFLOP/s against four rows' 96 at k = 256 and width 768, but at k = 32 (width 96)
 * 129 against 170 for the four-by-four blocks, so small matrices keep four. With AVX2's 256-bit
 * vectors and 16 registers ({@code -XX:UseAVX=2} on the same machine) the 24 accumulators spill,
 * and eight rows still gave 46 GFLOP/s against 37 at the wide shape. Sweeping each column block
 * over 32 rows (so the block is reused from L1) measured no faster than eight rows at a time in
 * whole training steps.
 */
final class TileProduct {
  /** Rows advanced together at most; callers tile their minibatch by it. */
  static final int TILE = 8;

  /** Bytes of {@code m} from which eight rows pay: beyond a 32 KB L1 data cache. */
  private static final int EIGHT_ROWS_FROM_BYTES = 32 * 1024;

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  private TileProduct() {}

  /**
   * {@code dst[dstOff[r] + j] += Σ_i src[srcOff[r] + i] · m[i · width + j]} for the rows r below
   * {@code tile} (at most {@link #TILE}), i below {@code k} and j below {@code width}.
   */
  static void multiplyAdd(
      float[] src, int[] srcOff, int k, float[] m, int width, float[] dst, int[] dstOff, int tile) {
    if (tile == TILE && (long) k * width * Float.BYTES >= EIGHT_ROWS_FROM_BYTES) {
      eightRows(src, srcOff, k, m, width, dst, dstOff);
      return;
    }
    int r = 0;
    for (; r + 4 <= tile; r += 4) {
      fourRows(src, srcOff, r, k, m, width, dst, dstOff);
    }
    for (; r < tile; r++) {
      int j0 = 0;
      for (; j0 + 4 * L <= width; j0 += 4 * L) {
        oneRowFourBlocks(src, srcOff[r], k, m, width, dst, dstOff[r], j0);
      }
      for (; j0 < width; j0 += L) {
        oneRow(src, srcOff[r], k, m, width, dst, dstOff[r], j0);
      }
    }
  }

  private static void fourRows(
      float[] src, int[] so, int r0, int k, float[] m, int width, float[] dst, int[] dOff) {
    int j0 = 0;
    for (; j0 + 4 * L <= width; j0 += 4 * L) {
      fourBlocks(src, so, r0, k, m, width, dst, dOff, j0);
    }
    for (; j0 + 2 * L <= width; j0 += 2 * L) {
      twoBlocks(src, so, r0, k, m, width, dst, dOff, j0);
    }
    for (; j0 < width; j0 += L) {
      oneBlock(src, so, r0, k, m, width, dst, dOff, j0);
    }
  }

  private static void eightRows(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff) {
    int j0 = 0;
    for (; j0 + 3 * L <= width; j0 += 3 * L) {
      eightRowsThreeBlocks(src, so, k, m, width, dst, dOff, j0);
    }
    for (; j0 < width; j0 += L) {
      eightRowsOneBlock(src, so, k, m, width, dst, dOff, j0);
    }
  }

  /**
   * Eight rows by three column blocks: 24 accumulators, so each loaded block of {@code m} feeds
   * eight FMAs (the gated cells' widths 3n and 4n, and n, are mostly multiples of three blocks).
   */
  private static void eightRowsThreeBlocks(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    int j1 = j0 + L;
    int j2 = j0 + 2 * L;
    int d0 = dOff[0];
    int d1 = dOff[1];
    int d2 = dOff[2];
    int d3 = dOff[3];
    int d4 = dOff[4];
    int d5 = dOff[5];
    int d6 = dOff[6];
    int d7 = dOff[7];
    FloatVector a00 = FloatVector.fromArray(S, dst, d0 + j0);
    FloatVector a01 = FloatVector.fromArray(S, dst, d0 + j1);
    FloatVector a02 = FloatVector.fromArray(S, dst, d0 + j2);
    FloatVector a10 = FloatVector.fromArray(S, dst, d1 + j0);
    FloatVector a11 = FloatVector.fromArray(S, dst, d1 + j1);
    FloatVector a12 = FloatVector.fromArray(S, dst, d1 + j2);
    FloatVector a20 = FloatVector.fromArray(S, dst, d2 + j0);
    FloatVector a21 = FloatVector.fromArray(S, dst, d2 + j1);
    FloatVector a22 = FloatVector.fromArray(S, dst, d2 + j2);
    FloatVector a30 = FloatVector.fromArray(S, dst, d3 + j0);
    FloatVector a31 = FloatVector.fromArray(S, dst, d3 + j1);
    FloatVector a32 = FloatVector.fromArray(S, dst, d3 + j2);
    FloatVector a40 = FloatVector.fromArray(S, dst, d4 + j0);
    FloatVector a41 = FloatVector.fromArray(S, dst, d4 + j1);
    FloatVector a42 = FloatVector.fromArray(S, dst, d4 + j2);
    FloatVector a50 = FloatVector.fromArray(S, dst, d5 + j0);
    FloatVector a51 = FloatVector.fromArray(S, dst, d5 + j1);
    FloatVector a52 = FloatVector.fromArray(S, dst, d5 + j2);
    FloatVector a60 = FloatVector.fromArray(S, dst, d6 + j0);
    FloatVector a61 = FloatVector.fromArray(S, dst, d6 + j1);
    FloatVector a62 = FloatVector.fromArray(S, dst, d6 + j2);
    FloatVector a70 = FloatVector.fromArray(S, dst, d7 + j0);
    FloatVector a71 = FloatVector.fromArray(S, dst, d7 + j1);
    FloatVector a72 = FloatVector.fromArray(S, dst, d7 + j2);
    int s0 = so[0];
    int s1 = so[1];
    int s2 = so[2];
    int s3 = so[3];
    int s4 = so[4];
    int s5 = so[5];
    int s6 = so[6];
    int s7 = so[7];
    for (int i = 0; i < k; i++) {
      int row = i * width;
      FloatVector m0 = FloatVector.fromArray(S, m, row + j0);
      FloatVector m1 = FloatVector.fromArray(S, m, row + j1);
      FloatVector m2 = FloatVector.fromArray(S, m, row + j2);
      FloatVector x = FloatVector.broadcast(S, src[s0 + i]);
      a00 = m0.fma(x, a00);
      a01 = m1.fma(x, a01);
      a02 = m2.fma(x, a02);
      x = FloatVector.broadcast(S, src[s1 + i]);
      a10 = m0.fma(x, a10);
      a11 = m1.fma(x, a11);
      a12 = m2.fma(x, a12);
      x = FloatVector.broadcast(S, src[s2 + i]);
      a20 = m0.fma(x, a20);
      a21 = m1.fma(x, a21);
      a22 = m2.fma(x, a22);
      x = FloatVector.broadcast(S, src[s3 + i]);
      a30 = m0.fma(x, a30);
      a31 = m1.fma(x, a31);
      a32 = m2.fma(x, a32);
      x = FloatVector.broadcast(S, src[s4 + i]);
      a40 = m0.fma(x, a40);
      a41 = m1.fma(x, a41);
      a42 = m2.fma(x, a42);
      x = FloatVector.broadcast(S, src[s5 + i]);
      a50 = m0.fma(x, a50);
      a51 = m1.fma(x, a51);
      a52 = m2.fma(x, a52);
      x = FloatVector.broadcast(S, src[s6 + i]);
      a60 = m0.fma(x, a60);
      a61 = m1.fma(x, a61);
      a62 = m2.fma(x, a62);
      x = FloatVector.broadcast(S, src[s7 + i]);
      a70 = m0.fma(x, a70);
      a71 = m1.fma(x, a71);
      a72 = m2.fma(x, a72);
    }
    a00.intoArray(dst, d0 + j0);
    a01.intoArray(dst, d0 + j1);
    a02.intoArray(dst, d0 + j2);
    a10.intoArray(dst, d1 + j0);
    a11.intoArray(dst, d1 + j1);
    a12.intoArray(dst, d1 + j2);
    a20.intoArray(dst, d2 + j0);
    a21.intoArray(dst, d2 + j1);
    a22.intoArray(dst, d2 + j2);
    a30.intoArray(dst, d3 + j0);
    a31.intoArray(dst, d3 + j1);
    a32.intoArray(dst, d3 + j2);
    a40.intoArray(dst, d4 + j0);
    a41.intoArray(dst, d4 + j1);
    a42.intoArray(dst, d4 + j2);
    a50.intoArray(dst, d5 + j0);
    a51.intoArray(dst, d5 + j1);
    a52.intoArray(dst, d5 + j2);
    a60.intoArray(dst, d6 + j0);
    a61.intoArray(dst, d6 + j1);
    a62.intoArray(dst, d6 + j2);
    a70.intoArray(dst, d7 + j0);
    a71.intoArray(dst, d7 + j1);
    a72.intoArray(dst, d7 + j2);
  }

  /**
   * Eight rows by one column block, masked: what is left of a row after the three-block passes.
   * Straight-line, as every kernel here: vectors kept in an array would be boxed on the heap.
   */
  private static void eightRowsOneBlock(
      float[] src, int[] so, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, width);
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[0] + j0, in);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[1] + j0, in);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[2] + j0, in);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[3] + j0, in);
    FloatVector a4 = FloatVector.fromArray(S, dst, dOff[4] + j0, in);
    FloatVector a5 = FloatVector.fromArray(S, dst, dOff[5] + j0, in);
    FloatVector a6 = FloatVector.fromArray(S, dst, dOff[6] + j0, in);
    FloatVector a7 = FloatVector.fromArray(S, dst, dOff[7] + j0, in);
    int s0 = so[0];
    int s1 = so[1];
    int s2 = so[2];
    int s3 = so[3];
    int s4 = so[4];
    int s5 = so[5];
    int s6 = so[6];
    int s7 = so[7];
    for (int i = 0; i < k; i++) {
      FloatVector row = FloatVector.fromArray(S, m, i * width + j0, in);
      a0 = row.fma(FloatVector.broadcast(S, src[s0 + i]), a0);
      a1 = row.fma(FloatVector.broadcast(S, src[s1 + i]), a1);
      a2 = row.fma(FloatVector.broadcast(S, src[s2 + i]), a2);
      a3 = row.fma(FloatVector.broadcast(S, src[s3 + i]), a3);
      a4 = row.fma(FloatVector.broadcast(S, src[s4 + i]), a4);
      a5 = row.fma(FloatVector.broadcast(S, src[s5 + i]), a5);
      a6 = row.fma(FloatVector.broadcast(S, src[s6 + i]), a6);
      a7 = row.fma(FloatVector.broadcast(S, src[s7 + i]), a7);
    }
    a0.intoArray(dst, dOff[0] + j0, in);
    a1.intoArray(dst, dOff[1] + j0, in);
    a2.intoArray(dst, dOff[2] + j0, in);
    a3.intoArray(dst, dOff[3] + j0, in);
    a4.intoArray(dst, dOff[4] + j0, in);
    a5.intoArray(dst, dOff[5] + j0, in);
    a6.intoArray(dst, dOff[6] + j0, in);
    a7.intoArray(dst, dOff[7] + j0, in);
  }

  /**
   * Four rows by four column blocks: sixteen accumulators, so each broadcast row value feeds four
   * FMAs and each loaded block of {@code m} four (the gated cells' widths, 3n and 4n, have them).
   */
  private static void fourBlocks(
      float[] src, int[] so, int r0, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    int j1 = j0 + L;
    int j2 = j0 + 2 * L;
    int j3 = j0 + 3 * L;
    FloatVector a00 = FloatVector.fromArray(S, dst, dOff[r0] + j0);
    FloatVector a01 = FloatVector.fromArray(S, dst, dOff[r0] + j1);
    FloatVector a02 = FloatVector.fromArray(S, dst, dOff[r0] + j2);
    FloatVector a03 = FloatVector.fromArray(S, dst, dOff[r0] + j3);
    FloatVector a10 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j0);
    FloatVector a11 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j1);
    FloatVector a12 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j2);
    FloatVector a13 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j3);
    FloatVector a20 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j0);
    FloatVector a21 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j1);
    FloatVector a22 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j2);
    FloatVector a23 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j3);
    FloatVector a30 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j0);
    FloatVector a31 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j1);
    FloatVector a32 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j2);
    FloatVector a33 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j3);
    int s0 = so[r0];
    int s1 = so[r0 + 1];
    int s2 = so[r0 + 2];
    int s3 = so[r0 + 3];
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
    a00.intoArray(dst, dOff[r0] + j0);
    a01.intoArray(dst, dOff[r0] + j1);
    a02.intoArray(dst, dOff[r0] + j2);
    a03.intoArray(dst, dOff[r0] + j3);
    a10.intoArray(dst, dOff[r0 + 1] + j0);
    a11.intoArray(dst, dOff[r0 + 1] + j1);
    a12.intoArray(dst, dOff[r0 + 1] + j2);
    a13.intoArray(dst, dOff[r0 + 1] + j3);
    a20.intoArray(dst, dOff[r0 + 2] + j0);
    a21.intoArray(dst, dOff[r0 + 2] + j1);
    a22.intoArray(dst, dOff[r0 + 2] + j2);
    a23.intoArray(dst, dOff[r0 + 2] + j3);
    a30.intoArray(dst, dOff[r0 + 3] + j0);
    a31.intoArray(dst, dOff[r0 + 3] + j1);
    a32.intoArray(dst, dOff[r0 + 3] + j2);
    a33.intoArray(dst, dOff[r0 + 3] + j3);
  }

  private static void twoBlocks(
      float[] src, int[] so, int r0, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    int j1 = j0 + L;
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[r0] + j0);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j0);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j0);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j0);
    FloatVector c0 = FloatVector.fromArray(S, dst, dOff[r0] + j1);
    FloatVector c1 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j1);
    FloatVector c2 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j1);
    FloatVector c3 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j1);
    int s0 = so[r0];
    int s1 = so[r0 + 1];
    int s2 = so[r0 + 2];
    int s3 = so[r0 + 3];
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
    a0.intoArray(dst, dOff[r0] + j0);
    a1.intoArray(dst, dOff[r0 + 1] + j0);
    a2.intoArray(dst, dOff[r0 + 2] + j0);
    a3.intoArray(dst, dOff[r0 + 3] + j0);
    c0.intoArray(dst, dOff[r0] + j1);
    c1.intoArray(dst, dOff[r0 + 1] + j1);
    c2.intoArray(dst, dOff[r0 + 2] + j1);
    c3.intoArray(dst, dOff[r0 + 3] + j1);
  }

  private static void oneBlock(
      float[] src, int[] so, int r0, int k, float[] m, int width, float[] dst, int[] dOff, int j0) {
    VectorMask<Float> in = S.indexInRange(j0, width);
    FloatVector a0 = FloatVector.fromArray(S, dst, dOff[r0] + j0, in);
    FloatVector a1 = FloatVector.fromArray(S, dst, dOff[r0 + 1] + j0, in);
    FloatVector a2 = FloatVector.fromArray(S, dst, dOff[r0 + 2] + j0, in);
    FloatVector a3 = FloatVector.fromArray(S, dst, dOff[r0 + 3] + j0, in);
    for (int i = 0; i < k; i++) {
      FloatVector row = FloatVector.fromArray(S, m, i * width + j0, in);
      a0 = row.fma(FloatVector.broadcast(S, src[so[r0] + i]), a0);
      a1 = row.fma(FloatVector.broadcast(S, src[so[r0 + 1] + i]), a1);
      a2 = row.fma(FloatVector.broadcast(S, src[so[r0 + 2] + i]), a2);
      a3 = row.fma(FloatVector.broadcast(S, src[so[r0 + 3] + i]), a3);
    }
    a0.intoArray(dst, dOff[r0] + j0, in);
    a1.intoArray(dst, dOff[r0 + 1] + j0, in);
    a2.intoArray(dst, dOff[r0 + 2] + j0, in);
    a3.intoArray(dst, dOff[r0 + 3] + j0, in);
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
