package io.imdbrnn.model;

import io.imdbrnn.model.fused.LayerWiring;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pooling over time that concatenates the maximum and the mean of each unit over a sequence's
 * (unmasked) steps: {@code [batch, units, steps] → [batch, 2 · units]}, maxima first ({@code
 * train.pooling = max-mean}). DL4J has no such layer and a {@code MultiLayerNetwork} cannot branch,
 * so {@link MaxMeanPoolingLayer} runs DL4J's own max and average pooling side by side: the masked
 * reductions and their gradients are the stock ones.
 */
public class MaxMeanPooling extends GlobalPoolingLayer {
  public MaxMeanPooling() {
    // The stock fields say MAX; the layer computes both halves regardless. Also for Jackson.
    super(PoolingType.MAX);
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
        new MaxMeanPoolingLayer(conf, networkDataType),
        conf,
        initializer(),
        trainingListeners,
        layerIndex,
        layerParamsView,
        initializeParams);
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)) {
      throw new IllegalArgumentException(
          "max-mean pooling reads a recurrent layer's sequence, not " + inputType);
    }
    return InputType.feedForward(2 * recurrent.getSize());
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && super.equals(o);
  }

  @Override
  protected boolean canEqual(Object other) {
    return other instanceof MaxMeanPooling;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 5;
  }
}
