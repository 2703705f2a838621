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
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

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

  /**
   * A copy of {@code layer} computed by the fused layer. The stock builder cannot be extended (its
   * constructor is private), so the copy goes through DL4J's own JSON form and every setting
   * carries over.
   */
  public static FusedLstm of(LSTM layer, boolean lastStepOnly, boolean bidirectional) {
    ObjectMapper json = NeuralNetConfiguration.mapper();
    ObjectNode tree = json.valueToTree(layer);
    tree.put("@class", FusedLstm.class.getName());
    try {
      FusedLstm fused =
          (FusedLstm) json.treeToValue(tree, org.deeplearning4j.nn.conf.layers.Layer.class);
      fused.lastStepOnly = lastStepOnly;
      fused.bidirectional = bidirectional;
      return fused;
    } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Cannot copy the LSTM configuration: " + e, e);
    }
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

  // Lombok's equals on LSTM would call a fused and a stock configuration equal.
  @Override
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && super.equals(o)
        && ((FusedLstm) o).lastStepOnly == lastStepOnly
        && ((FusedLstm) o).bidirectional == bidirectional;
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedLstm;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + (lastStepOnly ? 2 : 1) + (bidirectional ? 4 : 0);
  }
}
