package io.imdbrnn.model.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The gate non-linearities of the fused cells, inline in float.
 *
 * <p>The Vector API's lane-wise {@code EXP} and {@code TANH} compile to calls of SVML stubs. A call
 * clobbers every vector register, so C2 spills the gate values around each of the five
 * transcendentals of an LSTM step; a JFR profile put them at three times the recurrent product.
 * Here every function is a few FMAs and one division that stay in registers.
 *
 * <p>Error bounds, checked against {@code Math.exp}/{@code Math.tanh} in double by {@code
 * VectorMathTest} over the whole float range the cells meet: {@link #exp} within 2.5e-7 relative
 * for arguments in [-87, 88]; {@link #sigmoid} and {@link #tanh} within 3e-7 absolute everywhere,
 * and {@link #tanh} within 1e-6 relative, so small pre-activations keep their precision.
 */
final class VectorMath {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  // exp(x) = 2^n · exp(r), n = round(x / ln 2), r = x − n·ln 2 in [−ln2/2, ln2/2]. ln 2 is split
  // in two (Cody and Waite) so that n·LN2_HI is exact in float and r keeps its low bits.
  private static final float LOG2E = 1.44269504f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  // Adding 1.5·2^23 rounds a float below 2^22 in magnitude to an integer (round to nearest even),
  // which then sits in the low bits of the sum's mantissa.
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  // Below −87 the result would leave the normal range (2^n needs n ≥ −126); above 88, overflow.
  private static final float EXP_MIN = -87f;
  private static final float EXP_MAX = 88f;
  // Taylor coefficients 1/k! of exp(r), k = 2..7: on |r| ≤ 0.347 the first term left out,
  // r^8/8!, is below 5e-9, so rounding in float is what remains of the error.
  private static final float C2 = 1f / 2;
  private static final float C3 = 1f / 6;
  private static final float C4 = 1f / 24;
  private static final float C5 = 1f / 120;
  private static final float C6 = 1f / 720;
  private static final float C7 = 1f / 5040;

  // tanh(x) for |x| below SMALL by its odd Taylor series to x^11 (first term left out, 21844 x^13 /
  // 6081075, is below 3e-10 there); above it by 1 − 2/(e^{2|x|} + 1), which loses nothing there.
  private static final float SMALL = 0.25f;
  private static final float T3 = -1f / 3;
  private static final float T5 = 2f / 15;
  private static final float T7 = -17f / 315;
  private static final float T9 = 62f / 2835;
  private static final float T11 = -1382f / 155925;
  // Beyond 9, tanh is 1 in float; the clamp keeps e^{2|x|} finite.
  private static final float TANH_MAX = 9f;

  private VectorMath() {}

  /** e^x, for x in [−87, 88]; outside it, e^−87 or e^88. */
  static FloatVector exp(FloatVector x) {
    FloatVector v = x.max(EXP_MIN).min(EXP_MAX);
    FloatVector shifted = v.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUNDER));
    FloatVector n = shifted.sub(ROUNDER);
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), v);
    r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = r.fma(FloatVector.broadcast(S, C7), FloatVector.broadcast(S, C6));
    p = p.fma(r, FloatVector.broadcast(S, C5));
    p = p.fma(r, FloatVector.broadcast(S, C4));
    p = p.fma(r, FloatVector.broadcast(S, C3));
    p = p.fma(r, FloatVector.broadcast(S, C2));
    p = p.fma(r, FloatVector.broadcast(S, 1f));
    p = p.fma(r, FloatVector.broadcast(S, 1f));
    // n + 127 in the exponent field is 2^n; n is the low bits of the shifted sum's mantissa.
    IntVector bits =
        shifted.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  /** 1 / (1 + e^−x). */
  static FloatVector sigmoid(FloatVector x) {
    return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
  }

  /** tanh(x), odd and within 1e-6 of it relative. */
  static FloatVector tanh(FloatVector x) {
    FloatVector a = x.abs();
    FloatVector large =
        FloatVector.broadcast(S, 1f)
            .sub(FloatVector.broadcast(S, 2f).div(exp(a.min(TANH_MAX).mul(2f)).add(1f)));
    FloatVector x2 = x.mul(x);
    FloatVector series = x2.fma(FloatVector.broadcast(S, T11), FloatVector.broadcast(S, T9));
    series = series.fma(x2, FloatVector.broadcast(S, T7));
    series = series.fma(x2, FloatVector.broadcast(S, T5));
    series = series.fma(x2, FloatVector.broadcast(S, T3));
    series = series.mul(x2).fma(a, a);
    FloatVector magnitude = large.blend(series, a.compare(VectorOperators.LT, SMALL));
    return magnitude.blend(magnitude.neg(), x.compare(VectorOperators.LT, 0f));
  }
}
