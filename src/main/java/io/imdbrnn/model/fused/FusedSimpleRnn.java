package io.imdbrnn.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a drop-in replacement for DL4J's {@link SimpleRnn}: the same parameters ({@code
 * W}, {@code RW}, {@code b}, initialised the same way), the same outputs, computed by {@link
 * FusedSimpleRnnLayer}. It extends {@code SimpleRnn} so that everything DL4J does with a SimpleRnn
 * configuration (parameter layout, input types, {@code LastTimeStep}, JSON) applies unchanged.
 *
 * <p>One difference, only under a mask: a masked step keeps the previous state (Keras' {@code
 * mask_zero} semantics), where the stock layer resets it to zero. With pre-padding, where masked
 * steps come first and the state is still zero, the two agree.
 */
public class FusedSimpleRnn extends SimpleRnn {
  /**
   * Output only the last step's state, {@code [minibatch, nOut]}, like {@code LastTimeStep} around
   * the layer but without materialising every step's output (most of the cost at inference).
   */
  private boolean lastStepOnly;

  // Jackson builds configurations through this constructor and then sets the fields.
  private FusedSimpleRnn() {
    this(new Builder());
  }

  protected FusedSimpleRnn(Builder builder) {
    super(builder);
    this.lastStepOnly = builder.lastStepOnly;
    if (hasLayerNorm()) {
      throw new IllegalArgumentException(
          "The fused SimpleRnn has no layer normalisation; use the stock SimpleRnn for it.");
    }
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet(
        "FusedSimpleRnn", getLayerName(), layerIndex, getNIn(), getNOut());
    CellActivation.of(getActivationFn(), getLayerName());
    return LayerWiring.wire(
        new FusedSimpleRnnLayer(conf, networkDataType),
        conf,
        initializer(),
        trainingListeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  public boolean isLastStepOnly() {
    return lastStepOnly;
  }

  public void setLastStepOnly(boolean lastStepOnly) {
    this.lastStepOnly = lastStepOnly;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    InputType sequence = super.getOutputType(layerIndex, inputType);
    return lastStepOnly ? InputType.feedForward(getNOut()) : sequence;
  }

  // Lombok's equals on SimpleRnn would call a fused and a stock configuration equal.
  @Override
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && super.equals(o)
        && ((FusedSimpleRnn) o).lastStepOnly == lastStepOnly;
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedSimpleRnn;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + (lastStepOnly ? 2 : 1);
  }

  /** Builds a {@link FusedSimpleRnn}; the options are those of {@link SimpleRnn.Builder}. */
  public static class Builder extends SimpleRnn.Builder {
    private boolean lastStepOnly;

    /** See {@link FusedSimpleRnn#isLastStepOnly()}; call it first in a builder chain. */
    public Builder lastStepOnly(boolean lastStepOnly) {
      this.lastStepOnly = lastStepOnly;
      return this;
    }

    @Override
    public FusedSimpleRnn build() {
      return new FusedSimpleRnn(this);
    }
  }
}
