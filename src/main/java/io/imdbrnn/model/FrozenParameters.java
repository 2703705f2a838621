package io.imdbrnn.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.NoOpUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * An updater that leaves its parameters where they are: the update is zero. DL4J's own {@link NoOp}
 * is not that (it passes the raw gradient on, so parameters move by it, a step of 1), and an SGD of
 * rate 0 would be thawed by the learning-rate schedule; this has no rate to change. Lives in the
 * layer's configuration, so checkpoints, bundles and dl4j-spark's workers all freeze alike.
 */
public class FrozenParameters extends NoOp {
  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
    return new ZeroUpdate(this);
  }

  @Override
  public GradientUpdater instantiate(
      Map<String, INDArray> updaterState, boolean initializeStateArrays) {
    return new ZeroUpdate(this);
  }

  // DL4J clones updater configurations into every layer; NoOp's clone would lose the subclass.
  @Override
  public FrozenParameters clone() {
    return new FrozenParameters();
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return FrozenParameters.class.hashCode();
  }

  private static final class ZeroUpdate extends NoOpUpdater {
    ZeroUpdate(NoOp config) {
      super(config);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
      gradient.assign(0);
    }
  }
}
