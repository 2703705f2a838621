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
    for (int j = 0; j < n; j += L) {
      VectorMask<Float> m = lanes(j);
      FloatVector a = tanh(load(zx, z + j, m).add(load(rec, r + j, m)));
      FloatVector f = sigmoid(load(zx, z + n + j, m).add(load(rec, r + n + j, m)));
      FloatVector out = sigmoid(load(zx, z + 2 * n + j, m).add(load(rec, r + 2 * n + j, m)));
      FloatVector in = sigmoid(load(zx, z + 3 * n + j, m).add(load(rec, r + 3 * n + j, m)));
      FloatVector cell = f.fma(loadOrZero(cPrev, p + j, m), in.mul(a));
      FloatVector tanhCell = tanh(cell);
      store(a, gates, g + j, m);
      store(f, gates, g + n + j, m);
      store(out, gates, g + 2 * n + j, m);
      store(in, gates, g + 3 * n + j, m);
      store(cell, c, o + j, m);
      store(tanhCell, tc, o + j, m);
      store(out.mul(tanhCell), h, o + j, m);
    }
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
    for (int j = 0; j < n; j += L) {
      VectorMask<Float> m = lanes(j);
      FloatVector dh = loadOrZero(eps, o + j, m).add(load(carryH, kc + j, m));
      FloatVector a = load(gates, g + j, m);
      FloatVector f = load(gates, g + n + j, m);
      FloatVector out = load(gates, g + 2 * n + j, m);
      FloatVector in = load(gates, g + 3 * n + j, m);
      FloatVector tanhCell = load(tc, o + j, m);
      FloatVector dc = dh.mul(out).fma(tanhSlope(tanhCell), load(carryC, kc + j, m));
      store(dc.mul(in).mul(tanhSlope(a)), dzIn, g + j, m);
      store(dc.mul(loadOrZero(cPrev, p + j, m)).mul(sigmoidSlope(f)), dzIn, g + n + j, m);
      store(dh.mul(tanhCell).mul(sigmoidSlope(out)), dzIn, g + 2 * n + j, m);
      store(dc.mul(a).mul(sigmoidSlope(in)), dzIn, g + 3 * n + j, m);
      store(dc.mul(f), carryC, kc + j, m);
      store(FloatVector.zero(S), carryH, kc + j, m);
    }
  }
}
