package io.imdbrnn.model.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The Adam step over native float buffers (see {@link VectorAdamUpdater}). */
final class VectorAdamKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  private VectorAdamKernel() {}

  static void apply(
      ByteBuffer g,
      int gOff,
      ByteBuffer m,
      int mOff,
      ByteBuffer v,
      int vOff,
      int length,
      float beta1,
      float beta2,
      float alpha,
      float eps) {
    float oneMinusBeta1 = 1f - beta1;
    float oneMinusBeta2 = 1f - beta2;
    int i = 0;
    for (; i + S.length() <= length; i += S.length()) {
      int k = i * Float.BYTES;
      FloatVector gv = FloatVector.fromByteBuffer(S, g, gOff + k, ORDER);
      FloatVector mv =
          FloatVector.fromByteBuffer(S, m, mOff + k, ORDER).mul(beta1).add(gv.mul(oneMinusBeta1));
      FloatVector vv =
          FloatVector.fromByteBuffer(S, v, vOff + k, ORDER)
              .mul(beta2)
              .add(gv.mul(gv).mul(oneMinusBeta2));
      mv.intoByteBuffer(m, mOff + k, ORDER);
      vv.intoByteBuffer(v, vOff + k, ORDER);
      mv.mul(alpha)
          .div(vv.lanewise(VectorOperators.SQRT).add(eps))
          .intoByteBuffer(g, gOff + k, ORDER);
    }
    for (; i < length; i++) {
      int k = i * Float.BYTES;
      float gi = g.getFloat(gOff + k);
      float mi = beta1 * m.getFloat(mOff + k) + gi * oneMinusBeta1;
      float vi = beta2 * v.getFloat(vOff + k) + gi * gi * oneMinusBeta2;
      m.putFloat(mOff + k, mi);
      v.putFloat(vOff + k, vi);
      g.putFloat(gOff + k, mi * alpha / ((float) Math.sqrt(vi) + eps));
    }
  }
}
