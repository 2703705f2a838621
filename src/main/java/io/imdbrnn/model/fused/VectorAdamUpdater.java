package io.imdbrnn.model.fused;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam's step computed as ND4J's {@code adam_updater} op computes it, {@code m = β1·m + (1−β1)·g},
 * {@code v = β2·v + (1−β2)·g²}, {@code g ← α_t·m / (√v + ε)} with {@code α_t = lr·√(1−β2^t) /
 * (1−β1^t)}, in place on the native buffers. Falls back to the op for anything but dense float
 * arrays, or without the Vector API.
 */
final class VectorAdamUpdater extends AdamUpdater {
  private final Adam config;

  VectorAdamUpdater(Adam config) {
    super(config);
    this.config = config;
  }

  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    Map<String, INDArray> state = getState();
    INDArray m = state.get(M_STATE);
    INDArray v = state.get(V_STATE);
    if (!VectorSupport.AVAILABLE || !dense(gradient) || !dense(m) || !dense(v)) {
      super.applyUpdater(gradient, iteration, epoch);
      return;
    }
    double beta1 = config.getBeta1();
    double beta2 = config.getBeta2();
    double lr = config.getLearningRate(iteration, epoch);
    double alpha =
        lr * Math.sqrt(1 - Math.pow(beta2, iteration + 1)) / (1 - Math.pow(beta1, iteration + 1));
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      alpha = config.getEpsilon(); // what the op does in the same case
    }
    VectorAdamKernel.apply(
        bytes(gradient),
        byteOffset(gradient),
        bytes(m),
        byteOffset(m),
        bytes(v),
        byteOffset(v),
        Math.toIntExact(gradient.length()),
        (float) beta1,
        (float) beta2,
        (float) alpha,
        (float) config.getEpsilon());
  }

  private static boolean dense(INDArray a) {
    return a != null && a.dataType() == DataType.FLOAT && Shape.hasDefaultStridesForShape(a);
  }

  private static ByteBuffer bytes(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder());
  }

  private static int byteOffset(INDArray a) {
    return Math.toIntExact(a.data().offset() * Float.BYTES);
  }
}
