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
    float[] hPrevOr0 = hPrev != null ? hPrev : zeros(p + n);
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector update =
          sigmoid(FloatVector.fromArray(S, zx, z + j).add(FloatVector.fromArray(S, rec, r + j)));
      FloatVector reset =
          sigmoid(
              FloatVector.fromArray(S, zx, z + n + j)
                  .add(FloatVector.fromArray(S, rec, r + n + j)));
      FloatVector recurrent = FloatVector.fromArray(S, rec, r + 2 * n + j);
      FloatVector candidate =
          tanh(reset.fma(recurrent, FloatVector.fromArray(S, zx, z + 2 * n + j)));
      FloatVector before = FloatVector.fromArray(S, hPrevOr0, p + j);
      update.intoArray(gates, g + j);
      reset.intoArray(gates, g + n + j);
      candidate.intoArray(gates, g + 2 * n + j);
      recurrent.intoArray(gates, g + 3 * n + j);
      update.fma(before.sub(candidate), candidate).intoArray(h, o + j);
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
    float[] hPrevOr0 = hPrev != null ? hPrev : zeros(p + n);
    VectorMask<Float> m = lanes(j);
    FloatVector update = sigmoid(load(zx, z + j, m).add(load(rec, r + j, m)));
    FloatVector reset = sigmoid(load(zx, z + n + j, m).add(load(rec, r + n + j, m)));
    FloatVector recurrent = load(rec, r + 2 * n + j, m);
    FloatVector candidate = tanh(reset.fma(recurrent, load(zx, z + 2 * n + j, m)));
    FloatVector before = load(hPrevOr0, p + j, m);
    store(update, gates, g + j, m);
    store(reset, gates, g + n + j, m);
    store(candidate, gates, g + 2 * n + j, m);
    store(recurrent, gates, g + 3 * n + j, m);
    store(update.fma(before.sub(candidate), candidate), h, o + j, m);
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
    float[] epsOr0 = eps != null ? eps : zeros(o + n);
    float[] hPrevOr0 = hPrev != null ? hPrev : zeros(p + n);
    int j = 0;
    for (; j + L <= n; j += L) {
      FloatVector dh =
          FloatVector.fromArray(S, epsOr0, o + j).add(FloatVector.fromArray(S, carryH, kc + j));
      FloatVector update = FloatVector.fromArray(S, gates, g + j);
      FloatVector reset = FloatVector.fromArray(S, gates, g + n + j);
      FloatVector candidate = FloatVector.fromArray(S, gates, g + 2 * n + j);
      FloatVector recurrent = FloatVector.fromArray(S, gates, g + 3 * n + j);
      FloatVector before = FloatVector.fromArray(S, hPrevOr0, p + j);
      FloatVector dUpdate = dh.mul(before.sub(candidate)).mul(sigmoidSlope(update));
      FloatVector dCandidate = dh.sub(dh.mul(update)).mul(tanhSlope(candidate));
      FloatVector dReset = dCandidate.mul(recurrent).mul(sigmoidSlope(reset));
      dUpdate.intoArray(dzIn, d + j);
      dReset.intoArray(dzIn, d + n + j);
      dCandidate.intoArray(dzIn, d + 2 * n + j);
      dUpdate.intoArray(dzRec, d + j);
      dReset.intoArray(dzRec, d + n + j);
      dCandidate.mul(reset).intoArray(dzRec, d + 2 * n + j);
      dh.mul(update).intoArray(carryH, kc + j);
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
    int d = row * 3 * n;
    int kc = k * n;
    float[] epsOr0 = eps != null ? eps : zeros(o + n);
    float[] hPrevOr0 = hPrev != null ? hPrev : zeros(p + n);
    VectorMask<Float> m = lanes(j);
    FloatVector dh = load(epsOr0, o + j, m).add(load(carryH, kc + j, m));
    FloatVector update = load(gates, g + j, m);
    FloatVector reset = load(gates, g + n + j, m);
    FloatVector candidate = load(gates, g + 2 * n + j, m);
    FloatVector recurrent = load(gates, g + 3 * n + j, m);
    FloatVector before = load(hPrevOr0, p + j, m);
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
