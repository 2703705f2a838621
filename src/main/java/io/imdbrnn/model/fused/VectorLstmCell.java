package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/** {@link GatedCell#LSTM} on {@link VectorGatedKernel}: gates {@code a, f, o, g}, cell states. */
final class VectorLstmCell extends VectorGatedKernel {
  /** Cell states after each step, and their tanh. */
  final float[] c;

  private final float[] tc;
  private final float[] c0;

  VectorLstmCell(int rows, int steps, int n, float[] h0, float[] c0, boolean keepAll) {
    super(GatedCell.LSTM, rows, steps, n, h0, keepAll);
    this.c0 = c0;
    this.c = new float[rows * kept * n];
    this.tc = new float[rows * kept * n];
  }

  @Override
  float[] cellsBefore(int t) {
    return t > 0 ? c : c0;
  }

  @Override
  void carry(float[] hPrev, float[] cPrev, int p, int row) {
    int o = row * n;
    copyOrZero(hPrev, p, h, o);
    copyOrZero(cPrev, p, c, o);
    for (int j = 0; j < n; j++) {
      tc[o + j] = (float) Math.tanh(c[o + j]);
    }
  }

  private void copyOrZero(float[] from, int p, float[] to, int o) {
    if (from == null) {
      java.util.Arrays.fill(to, o, o + n, 0f);
    } else {
      System.arraycopy(from, p, to, o, n);
    }
  }

  @Override
  void step(float[] zx, int z, float[] rec, int r, float[] hPrev, float[] cPrev, int p, int row) {
    int o = row * n;
    int g = row * 4 * n;
    float[] before = cPrev != null ? cPrev : zeros(p + n);
    int j = 0;
    // Whole vectors with plain loads and stores: straight-line code that C2 keeps in registers
    // (with the null-mask helpers of the tail in this loop, it boxed vectors and ran at half
    // speed).
    for (; j + L <= n; j += L) {
      FloatVector a =
          tanh(FloatVector.fromArray(S, zx, z + j).add(FloatVector.fromArray(S, rec, r + j)));
      FloatVector f =
          sigmoid(
              FloatVector.fromArray(S, zx, z + n + j)
                  .add(FloatVector.fromArray(S, rec, r + n + j)));
      FloatVector out =
          sigmoid(
              FloatVector.fromArray(S, zx, z + 2 * n + j)
                  .add(FloatVector.fromArray(S, rec, r + 2 * n + j)));
      FloatVector in =
          sigmoid(
              FloatVector.fromArray(S, zx, z + 3 * n + j)
                  .add(FloatVector.fromArray(S, rec, r + 3 * n + j)));
      FloatVector cell = f.fma(FloatVector.fromArray(S, before, p + j), in.mul(a));
      FloatVector tanhCell = tanh(cell);
      a.intoArray(gates, g + j);
      f.intoArray(gates, g + n + j);
      out.intoArray(gates, g + 2 * n + j);
      in.intoArray(gates, g + 3 * n + j);
      cell.intoArray(c, o + j);
      tanhCell.intoArray(tc, o + j);
      out.mul(tanhCell).intoArray(h, o + j);
    }
    if (j < n) {
      stepTail(zx, z, rec, r, hPrev, cPrev, p, row, j);
    }
  }

  /** The row's last, partial vector of {@link #step}: masked loads and stores. */
  private void stepTail(
      float[] zx, int z, float[] rec, int r, float[] hPrev, float[] cPrev, int p, int row, int j) {
    int o = row * n;
    int g = row * 4 * n;
    float[] before = cPrev != null ? cPrev : zeros(p + n);
    VectorMask<Float> m = lanes(j);
    FloatVector a = tanh(load(zx, z + j, m).add(load(rec, r + j, m)));
    FloatVector f = sigmoid(load(zx, z + n + j, m).add(load(rec, r + n + j, m)));
    FloatVector out = sigmoid(load(zx, z + 2 * n + j, m).add(load(rec, r + 2 * n + j, m)));
    FloatVector in = sigmoid(load(zx, z + 3 * n + j, m).add(load(rec, r + 3 * n + j, m)));
    FloatVector cell = f.fma(load(before, p + j, m), in.mul(a));
    FloatVector tanhCell = tanh(cell);
    store(a, gates, g + j, m);
    store(f, gates, g + n + j, m);
    store(out, gates, g + 2 * n + j, m);
    store(in, gates, g + 3 * n + j, m);
    store(cell, c, o + j, m);
    store(tanhCell, tc, o + j, m);
    store(out.mul(tanhCell), h, o + j, m);
  }

  @Override
  void stepBack(
      float[] eps,
      float[] carryH,
      float[] carryC,
      int k,
      float[] hPrev,
      float[] cPrev,
      int p,
      int row,
      float[] dzIn,
      float[] dzRec) {
    int o = row * n;
    int g = row * 4 * n;
    int kc = k * n;
    float[] epsOr0 = eps != null ? eps : zeros(o + n);
    float[] cPrevOr0 = cPrev != null ? cPrev : zeros(p + n);
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector dh =
          FloatVector.fromArray(S, epsOr0, o + j).add(FloatVector.fromArray(S, carryH, kc + j));
      FloatVector a = FloatVector.fromArray(S, gates, g + j);
      FloatVector f = FloatVector.fromArray(S, gates, g + n + j);
      FloatVector out = FloatVector.fromArray(S, gates, g + 2 * n + j);
      FloatVector in = FloatVector.fromArray(S, gates, g + 3 * n + j);
      FloatVector tanhCell = FloatVector.fromArray(S, tc, o + j);
      FloatVector dc =
          dh.mul(out).fma(tanhSlope(tanhCell), FloatVector.fromArray(S, carryC, kc + j));
      dc.mul(in).mul(tanhSlope(a)).intoArray(dzIn, g + j);
      (dc.mul(FloatVector.fromArray(S, cPrevOr0, p + j)).mul(sigmoidSlope(f)))
          .intoArray(dzIn, g + n + j);
      dh.mul(tanhCell).mul(sigmoidSlope(out)).intoArray(dzIn, g + 2 * n + j);
      dc.mul(a).mul(sigmoidSlope(in)).intoArray(dzIn, g + 3 * n + j);
      dc.mul(f).intoArray(carryC, kc + j);
      FloatVector.zero(S).intoArray(carryH, kc + j);
    }
    if (j < n) {
      stepBackTail(eps, carryH, carryC, k, hPrev, cPrev, p, row, dzIn, dzRec, j);
    }
  }

  /** The row's last, partial vector of {@link #stepBack}: masked loads and stores. */
  private void stepBackTail(
      float[] eps,
      float[] carryH,
      float[] carryC,
      int k,
      float[] hPrev,
      float[] cPrev,
      int p,
      int row,
      float[] dzIn,
      float[] dzRec,
      int j) {
    int o = row * n;
    int g = row * 4 * n;
    int kc = k * n;
    float[] epsOr0 = eps != null ? eps : zeros(o + n);
    float[] cPrevOr0 = cPrev != null ? cPrev : zeros(p + n);
    VectorMask<Float> m = lanes(j);
    FloatVector dh = load(epsOr0, o + j, m).add(load(carryH, kc + j, m));
    FloatVector a = load(gates, g + j, m);
    FloatVector f = load(gates, g + n + j, m);
    FloatVector out = load(gates, g + 2 * n + j, m);
    FloatVector in = load(gates, g + 3 * n + j, m);
    FloatVector tanhCell = load(tc, o + j, m);
    FloatVector dc = dh.mul(out).fma(tanhSlope(tanhCell), load(carryC, kc + j, m));
    store(dc.mul(in).mul(tanhSlope(a)), dzIn, g + j, m);
    store(dc.mul(load(cPrevOr0, p + j, m)).mul(sigmoidSlope(f)), dzIn, g + n + j, m);
    store(dh.mul(tanhCell).mul(sigmoidSlope(out)), dzIn, g + 2 * n + j, m);
    store(dc.mul(a).mul(sigmoidSlope(in)), dzIn, g + 3 * n + j, m);
    store(dc.mul(f), carryC, kc + j, m);
    store(FloatVector.zero(S), carryH, kc + j, m);
  }
}
