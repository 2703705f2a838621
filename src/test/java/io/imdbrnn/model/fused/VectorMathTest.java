package io.imdbrnn.model.fused;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The error bounds {@link VectorMath} states, against {@link Math} in double. */
class VectorMathTest {
  private static final int L = VectorMath.S.length();

  @Test
  void expIsWithinItsRelativeBound() {
    double worst = worst(VectorMath::exp, Math::exp, -87f, 88f, true);
    assertTrue(worst <= 1.5e-7, "relative error of exp " + worst);
  }

  @Test
  void sigmoidIsWithinItsAbsoluteBound() {
    double worst = worst(VectorMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), -120f, 120f, false);
    assertTrue(worst <= 1.5e-7, "absolute error of sigmoid " + worst);
  }

  @Test
  void tanhIsWithinItsAbsoluteAndRelativeBounds() {
    double absolute = worst(VectorMath::tanh, Math::tanh, -60f, 60f, false);
    assertTrue(absolute <= 1.5e-7, "absolute error of tanh " + absolute);
    // Relative where pre-activations are small: the series takes over below 0.25.
    double relative = worst(VectorMath::tanh, Math::tanh, -2f, 2f, true);
    assertTrue(relative <= 1e-6, "relative error of tanh " + relative);
    double tiny = worst(VectorMath::tanh, Math::tanh, -1e-20f, 1e-20f, true);
    assertTrue(tiny <= 1e-6, "relative error of tanh near 0 " + tiny);
  }

  @Test
  void saturatesWithoutOverflowOrNaN() {
    float[] x = {-1e30f, -500f, -90f, 0f, 90f, 500f, 1e30f, Float.MAX_VALUE};
    float[] s = apply(VectorMath::sigmoid, x);
    float[] t = apply(VectorMath::tanh, x);
    for (int i = 0; i < x.length; i++) {
      assertTrue(s[i] >= 0f && s[i] <= 1f, "sigmoid(" + x[i] + ") = " + s[i]);
      assertEquals(Math.signum(x[i]), t[i], 1e-7, "tanh(" + x[i] + ")");
    }
    assertEquals(0.5f, s[3], 0f);
    assertEquals(1f, s[s.length - 1], 0f);
  }

  /**
   * The largest error of {@code f} against {@code exact} over a dense grid of [lo, hi] and every
   * float of a short stretch around each end and around 0.
   */
  private static double worst(
      UnaryOperator<FloatVector> f,
      DoubleUnaryOperator exact,
      float lo,
      float hi,
      boolean relative) {
    int count = 1 << 20;
    float[] x = new float[count + 3 * 4096];
    for (int i = 0; i < count; i++) {
      x[i] = lo + (hi - lo) * i / (count - 1);
    }
    float[] around = {lo, hi, Math.max(lo, Math.min(hi, 0f))};
    int k = count;
    for (float centre : around) {
      float v = centre;
      for (int i = 0; i < 2048; i++) {
        v = Math.nextDown(v);
      }
      for (int i = 0; i < 4096; i++, v = Math.nextUp(v)) {
        x[k++] = Math.max(lo, Math.min(hi, v));
      }
    }
    float[] y = apply(f, x);
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double want = exact.applyAsDouble(x[i]);
      double error = Math.abs(y[i] - want);
      if (relative && want != 0) {
        error /= Math.abs(want);
      }
      assertTrue(!Double.isNaN(error), "NaN at " + x[i]);
      worst = Math.max(worst, error);
    }
    return worst;
  }

  private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
    int padded = (x.length + L - 1) / L * L;
    float[] in = java.util.Arrays.copyOf(x, padded);
    float[] out = new float[padded];
    for (int i = 0; i < padded; i += L) {
      f.apply(FloatVector.fromArray(VectorMath.S, in, i)).intoArray(out, i);
    }
    return java.util.Arrays.copyOf(out, x.length);
  }
}
