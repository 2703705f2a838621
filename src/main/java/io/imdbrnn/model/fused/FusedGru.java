package io.imdbrnn.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GRU layer (DL4J 1.0.0-M2 has none) in the {@code reset_after} convention of Keras, cuDNN and
 * PyTorch (see {@link GatedCell#GRU}), computed by {@link FusedGatedLayer}; parameters as {@link
 * GruParamInitializer} lays them out. tanh candidate and sigmoid gates, as everywhere else.
 */
public class FusedGru extends BaseRecurrentLayer implements GatedConfiguration {
  private boolean lastStepOnly;
  private boolean bidirectional;

  public FusedGru() {
    // For Jackson.
  }

  protected FusedGru(Builder builder) {
    super(builder);
    this.lastStepOnly = builder.lastStepOnly;
    this.bidirectional = builder.bidirectional;
  }

  @Override
  public GatedCell cell() {
    return GatedCell.GRU;
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet("FusedGru", getLayerName(), layerIndex, getNIn(), getNOut());
    if (!(getActivationFn() instanceof ActivationTanH)) {
      throw new IllegalArgumentException(
          String.format(
              "Layer %s: the GRU computes a tanh candidate, not %s.",
              getLayerName(), getActivationFn()));
    }
    return LayerWiring.wire(
        new FusedGatedLayer(conf, networkDataType),
        conf,
        initializer(),
        trainingListeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  @Override
  public ParamInitializer initializer() {
    ParamInitializer one = GruParamInitializer.getInstance();
    return bidirectional ? new TwoDirectionParams(one) : one;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return outputType(super.getOutputType(layerIndex, inputType), getNOut());
  }

  @Override
  public LayerMemoryReport getMemoryReport(InputType inputType) {
    return new LayerMemoryReport.Builder(
            getLayerName(), FusedGru.class, inputType, getOutputType(-1, inputType))
        .standardMemory(initializer().numParams(this), 0)
        .workingMemory(0, 0, 0, 0)
        .cacheMemory(0, 0)
        .build();
  }

  @Override
  public boolean isLastStepOnly() {
    return lastStepOnly;
  }

  public void setLastStepOnly(boolean lastStepOnly) {
    this.lastStepOnly = lastStepOnly;
  }

  @Override
  public boolean isBidirectional() {
    return bidirectional;
  }

  public void setBidirectional(boolean bidirectional) {
    this.bidirectional = bidirectional;
  }

  @Override
  public boolean equals(Object o) {
    return sameModes(o) && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedGru;
  }

  @Override
  public int hashCode() {
    return hashWithModes(super.hashCode());
  }

  /** Builds a {@link FusedGru}; activation tanh unless set. */
  public static class Builder extends BaseRecurrentLayer.Builder<Builder> {
    private boolean lastStepOnly;
    private boolean bidirectional;

    public Builder() {
      activation(Activation.TANH);
    }

    /** See {@link FusedGru#isLastStepOnly()}. */
    public Builder lastStepOnly(boolean lastStepOnly) {
      this.lastStepOnly = lastStepOnly;
      return this;
    }

    /** See {@link FusedGru#isBidirectional()}. */
    public Builder bidirectional(boolean bidirectional) {
      this.bidirectional = bidirectional;
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public FusedGru build() {
      return new FusedGru(this);
    }
  }
}
