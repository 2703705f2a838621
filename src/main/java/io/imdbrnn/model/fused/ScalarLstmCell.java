package io.imdbrnn.model.fused;

/** {@link GatedCell#LSTM} on {@link ScalarGatedKernel}. */
final class ScalarLstmCell extends ScalarGatedKernel {
  final double[] c;
  private final double[] c0;

  ScalarLstmCell(int rows, int steps, int n, double[] h0, double[] c0, boolean keepAll) {
    super(GatedCell.LSTM, rows, steps, n, h0, keepAll);
    this.c0 = c0;
    this.c = new double[rows * kept * n];
  }

  @Override
  double[] cellsBefore(int t) {
    return t > 0 ? c : c0;
  }

  @Override
  void carry(double[] hPrev, double[] cPrev, int p, int row) {
    for (int j = 0; j < n; j++) {
      h[row * n + j] = prevOrZero(hPrev, p + j);
      c[row * n + j] = prevOrZero(cPrev, p + j);
    }
  }

  @Override
  void step(double[] zx, int z, double[] rec, double[] hPrev, double[] cPrev, int p, int row) {
    int g = row * 4 * n;
    for (int j = 0; j < n; j++) {
      double a = Math.tanh(zx[z + j] + rec[j]);
      double f = sigmoid(zx[z + n + j] + rec[n + j]);
      double out = sigmoid(zx[z + 2 * n + j] + rec[2 * n + j]);
      double in = sigmoid(zx[z + 3 * n + j] + rec[3 * n + j]);
      double cell = f * prevOrZero(cPrev, p + j) + in * a;
      gates[g + j] = a;
      gates[g + n + j] = f;
      gates[g + 2 * n + j] = out;
      gates[g + 3 * n + j] = in;
      c[row * n + j] = cell;
      h[row * n + j] = out * Math.tanh(cell);
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
    for (int j = 0; j < n; j++) {
      double dh = prevOrZero(eps, row * n + j) + carryH[j];
      double a = gates[g + j];
      double f = gates[g + n + j];
      double out = gates[g + 2 * n + j];
      double in = gates[g + 3 * n + j];
      double tanhCell = Math.tanh(c[row * n + j]);
      double dc = carryC[j] + dh * out * (1 - tanhCell * tanhCell);
      dzIn[g + j] = dc * in * (1 - a * a);
      dzIn[g + n + j] = dc * prevOrZero(cPrev, p + j) * f * (1 - f);
      dzIn[g + 2 * n + j] = dh * tanhCell * out * (1 - out);
      dzIn[g + 3 * n + j] = dc * a * in * (1 - in);
      carryC[j] = dc * f;
      carryH[j] = 0.0;
    }
  }
}
