package io.imdbrnn.model.fused;

/** {@link GatedCell#GRU} on {@link ScalarGatedKernel}. */
final class ScalarGruCell extends ScalarGatedKernel {
  ScalarGruCell(int rows, int steps, int n, double[] h0, boolean keepAll) {
    super(GatedCell.GRU, rows, steps, n, h0, keepAll);
  }

  @Override
  double[] cellsBefore(int t) {
    return null;
  }

  @Override
  void carry(double[] hPrev, double[] cPrev, int p, int row) {
    for (int j = 0; j < n; j++) {
      h[row * n + j] = prevOrZero(hPrev, p + j);
    }
  }

  @Override
  void step(double[] zx, int z, double[] rec, double[] hPrev, double[] cPrev, int p, int row) {
    int g = row * 4 * n;
    for (int j = 0; j < n; j++) {
      double update = sigmoid(zx[z + j] + rec[j]);
      double reset = sigmoid(zx[z + n + j] + rec[n + j]);
      double candidate = Math.tanh(zx[z + 2 * n + j] + reset * rec[2 * n + j]);
      gates[g + j] = update;
      gates[g + n + j] = reset;
      gates[g + 2 * n + j] = candidate;
      gates[g + 3 * n + j] = rec[2 * n + j];
      h[row * n + j] = (1 - update) * candidate + update * prevOrZero(hPrev, p + j);
    }
  }

  @Override
  void stepBack(
      double[] eps,
      double[] carryH,
      double[] carryC,
      double[] hPrev,
      double[] cPrev,
      int p,
      int row,
      double[] dzIn,
      double[] dzRec) {
    int g = row * 4 * n;
    int d = row * 3 * n;
    for (int j = 0; j < n; j++) {
      double dh = prevOrZero(eps, row * n + j) + carryH[j];
      double update = gates[g + j];
      double reset = gates[g + n + j];
      double candidate = gates[g + 2 * n + j];
      double dUpdate = dh * (prevOrZero(hPrev, p + j) - candidate) * update * (1 - update);
      double dCandidate = dh * (1 - update) * (1 - candidate * candidate);
      double dReset = dCandidate * gates[g + 3 * n + j] * reset * (1 - reset);
      dzIn[d + j] = dUpdate;
      dzIn[d + n + j] = dReset;
      dzIn[d + 2 * n + j] = dCandidate;
      dzRec[d + j] = dUpdate;
      dzRec[d + n + j] = dReset;
      dzRec[d + 2 * n + j] = dCandidate * reset;
      carryH[j] = dh * update;
    }
  }
}
