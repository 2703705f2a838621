package io.imdbrnn.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A drop-in replacement for DL4J's {@link LSTM} computed by {@link FusedGatedLayer}:
 * one-directional, it has the stock layer's parameters ({@code W}, {@code RW}, {@code b}, the same
 * gate order and initialisation), so a network trained with either loads into the other. It adds
 * the fused layer's {@code lastStepOnly} and {@code bidirectional} modes.
 *
 * <p>Differences from the stock layer: under a mask a padded step keeps the previous states (Keras'
 * {@code mask_zero}) where the stock layer resets them to zero (the two agree when the padding
 * comes first); only tanh activation with sigmoid gates is computed (anything else is refused).
 */
public class FusedLstm extends LSTM implements GatedConfiguration {
  private boolean lastStepOnly;
  private boolean bidirectional;

  public FusedLstm() {
    // For Jackson; use of(...) to build one.
  }

  /** A copy of {@code layer} (every setting) computed by the fused layer. */
  public static FusedLstm of(LSTM layer, boolean lastStepOnly, boolean bidirectional) {
    FusedLstm fused = ConfigurationCopy.as(layer, FusedLstm.class);
    fused.lastStepOnly = lastStepOnly;
    fused.bidirectional = bidirectional;
    return fused;
  }

  @Override
  public GatedCell cell() {
    return GatedCell.LSTM;
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet("FusedLstm", getLayerName(), layerIndex, getNIn(), getNOut());
    if (!(getActivationFn() instanceof ActivationTanH)
        || !(getGateActivationFn() instanceof ActivationSigmoid)) {
      throw new IllegalArgumentException(
          String.format(
              "Layer %s: the fused LSTM computes tanh with sigmoid gates, not %s with %s gates;"
                  + " use the stock LSTM for others.",
              getLayerName(), getActivationFn(), getGateActivationFn()));
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
    ParamInitializer one = LSTMParamInitializer.getInstance();
    return bidirectional ? new TwoDirectionParams(one) : one;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return outputType(super.getOutputType(layerIndex, inputType), getNOut());
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
    return other instanceof FusedLstm;
  }

  @Override
  public int hashCode() {
    return hashWithModes(super.hashCode());
  }
}
