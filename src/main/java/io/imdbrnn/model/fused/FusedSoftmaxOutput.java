package io.imdbrnn.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link RnnOutputLayer} with a softmax and sparse cross-entropy at every step, computed by
 * {@link FusedSoftmaxOutputLayer}: same parameters, outputs, score and gradients, so a language
 * model's bundle reads the same with either. Other settings of the stock layer (another loss or
 * activation, dropout, class weights) run the stock code.
 */
public class FusedSoftmaxOutput extends RnnOutputLayer {
  public FusedSoftmaxOutput() {
    // For Jackson; use of(...) to build one.
  }

  /** A copy of {@code layer} (every setting) with this class's computation. */
  public static FusedSoftmaxOutput of(RnnOutputLayer layer) {
    return ConfigurationCopy.as(layer, FusedSoftmaxOutput.class);
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> trainingListeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    return LayerWiring.wire(
        new FusedSoftmaxOutputLayer(conf, networkDataType),
        conf,
        initializer(),
        trainingListeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof FusedSoftmaxOutput;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 7;
  }
}
