package io.imdbrnn.model.fused;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The activations the fused kernels implement. Each derivative is written in terms of the
 * activation's output, so the kernels keep only the states, never the pre-activations.
 */
enum CellActivation {
  RELU,
  TANH,
  IDENTITY;

  /** The kernel form of a DL4J activation, or a clear error for one the kernels do not have. */
  static CellActivation of(IActivation activation, String layerName) {
    if (activation instanceof ActivationReLU relu && isPlainRelu(relu)) {
      return RELU;
    }
    if (activation instanceof ActivationTanH) {
      return TANH;
    }
    if (activation instanceof ActivationIdentity) {
      return IDENTITY;
    }
    throw new IllegalArgumentException(
        String.format(
            "Layer %s: the fused SimpleRnn supports ReLU, tanh and identity activations, not %s;"
                + " use the stock SimpleRnn for others.",
            layerName, activation));
  }

  // A capped or leaky ReLU would need its own derivative; the plain one is all the kernels do.
  private static boolean isPlainRelu(ActivationReLU relu) {
    return relu.equals(new ActivationReLU());
  }
}
