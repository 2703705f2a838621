package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * {@link GatedCell#GRU} on {@link VectorGatedKernel}. Kept per step: {@code z, r, n} and the
 * recurrent part of the candidate {@code h·U_n + b_hn}, which the reset gate's gradient needs.
 */
final class VectorGruCell extends VectorGatedKernel {
  VectorGruCell(int rows, int steps, int n, float[] h0, boolean keepAll) {
    super(GatedCell.GRU, rows, steps, n, h0, keepAll);
  }

  @Override
  float[] cellsBefore(int t) {
    return null;
  }

  @Override
  void carry(float[] hPrev, float[] cPrev, int p, int row) {
    if (hPrev == null) {
      java.util.Arrays.fill(h, row * n, (row + 1) * n, 0f);
    } else {
      System.arraycopy(hPrev, p, h, row * n, n);
    }
  }

  @Override
  void step(float[] zx, int z, float[] rec, int r, float[] hPrev, float[] cPrev, int p, int row) {
    int o = row * n;
    int g = row * 4 * n;
    for (int j = 0; j < n; j += L) {
      VectorMask<Float> m = lanes(j);
      FloatVector update = sigmoid(load(zx, z + j, m).add(load(rec, r + j, m)));
      FloatVector reset = sigmoid(load(zx, z + n + j, m).add(load(rec, r + n + j, m)));
      FloatVector recurrent = load(rec, r + 2 * n + j, m);
      FloatVector candidate = tanh(reset.fma(recurrent, load(zx, z + 2 * n + j, m)));
      FloatVector before = loadOrZero(hPrev, p + j, m);
      store(update, gates, g + j, m);
      store(reset, gates, g + n + j, m);
      store(candidate, gates, g + 2 * n + j, m);
      store(recurrent, gates, g + 3 * n + j, m);
      store(update.fma(before.sub(candidate), candidate), h, o + j, m);
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
    int d = row * 3 * n;
    int kc = k * n;
    for (int j = 0; j < n; j += L) {
      VectorMask<Float> m = lanes(j);
      FloatVector dh = loadOrZero(eps, o + j, m).add(load(carryH, kc + j, m));
      FloatVector update = load(gates, g + j, m);
      FloatVector reset = load(gates, g + n + j, m);
      FloatVector candidate = load(gates, g + 2 * n + j, m);
      FloatVector recurrent = load(gates, g + 3 * n + j, m);
      FloatVector before = loadOrZero(hPrev, p + j, m);
      FloatVector dUpdate = dh.mul(before.sub(candidate)).mul(sigmoidSlope(update));
      FloatVector dCandidate = dh.sub(dh.mul(update)).mul(tanhSlope(candidate));
      FloatVector dReset = dCandidate.mul(recurrent).mul(sigmoidSlope(reset));
      store(dUpdate, dzIn, d + j, m);
      store(dReset, dzIn, d + n + j, m);
      store(dCandidate, dzIn, d + 2 * n + j, m);
      store(dUpdate, dzRec, d + j, m);
      store(dReset, dzRec, d + n + j, m);
      store(dCandidate.mul(reset), dzRec, d + 2 * n + j, m);
      store(dh.mul(update), carryH, kc + j, m);
    }
  }
}
