package io.imdbrnn.model.fused;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link EmbeddingSequenceLayer} with a faster backward pass ({@link
 * HeapScatterEmbeddingLayer}); same parameters, outputs and gradients. ND4J M2's scatter-add, which
 * the stock layer uses to accumulate the embedding gradient, took about a third of a fused training
 * step on its own.
 */
public class HeapScatterEmbedding extends EmbeddingSequenceLayer {
  public HeapScatterEmbedding() {
    // For Jackson; use of(...) to build one.
  }

  /** A copy of {@code layer} (every setting) with this class's backward pass. */
  public static HeapScatterEmbedding of(EmbeddingSequenceLayer layer) {
    return ConfigurationCopy.as(layer, HeapScatterEmbedding.class);
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
        new HeapScatterEmbeddingLayer(conf, networkDataType),
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
    return other instanceof HeapScatterEmbedding;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + 3;
  }
}
