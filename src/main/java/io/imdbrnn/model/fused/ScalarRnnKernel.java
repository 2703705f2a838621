package io.imdbrnn.model.fused;

import java.util.Arrays;

/**
 * The same recurrence as {@link VectorRnnKernel} in plain double-precision loops: the path for
 * double networks (gradient checks) and for JVMs started without {@code jdk.incubator.vector}.
 * Layout and semantics are those of {@link VectorRnnKernel}.
 */
final class ScalarRnnKernel {
  private ScalarRnnKernel() {}

  static void forward(
      double[] zx,
      double[] bias,
      double[] u,
      double[] h0,
      float[] mask,
      CellActivation act,
      int rows,
      int steps,
      int n,
      double[] state) {
    for (int b = 0; b < rows; b++) {
      for (int t = 0; t < steps; t++) {
        int off = (b * steps + t) * n;
        double[] prev = t > 0 ? state : h0;
        int prevOff = t > 0 ? off - n : b * n;
        if (mask != null && mask[b * steps + t] == 0f) {
          if (prev == null) {
            Arrays.fill(state, off, off + n, 0.0);
          } else {
            System.arraycopy(prev, prevOff, state, off, n);
          }
          continue;
        }
        System.arraycopy(zx, off, state, off, n);
        if (prev != null) {
          multiplyAdd(prev, prevOff, u, state, off, n);
        }
        for (int j = 0; j < n; j++) {
          double z = state[off + j] + bias[j];
          state[off + j] =
              switch (act) {
                case RELU -> Math.max(0.0, z);
                case TANH -> Math.tanh(z);
                case IDENTITY -> z;
              };
        }
      }
    }
  }

  static void backward(
      double[] eps,
      double[] state,
      float[] mask,
      double[] ut,
      CellActivation act,
      int rows,
      int steps,
      int n,
      int firstStep,
      double[] dz) {
    Arrays.fill(dz, 0.0);
    double[] carry = new double[n];
    for (int b = 0; b < rows; b++) {
      Arrays.fill(carry, 0.0);
      for (int t = steps - 1; t >= firstStep; t--) {
        int off = (b * steps + t) * n;
        if (mask != null && mask[b * steps + t] == 0f) {
          continue;
        }
        for (int j = 0; j < n; j++) {
          double s = state[off + j];
          double g = eps[off + j] + carry[j];
          dz[off + j] =
              switch (act) {
                case RELU -> s > 0 ? g : 0.0;
                case TANH -> g * (1 - s * s);
                case IDENTITY -> g;
              };
        }
        Arrays.fill(carry, 0.0);
        multiplyAdd(dz, off, ut, carry, 0, n);
      }
    }
  }

  private static void multiplyAdd(double[] src, int so, double[] m, double[] dst, int d, int n) {
    RowProduct.multiplyAdd(src, so, n, m, n, dst, d);
  }
}
