package io.imdbrnn.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.layers.pooling.GlobalPoolingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer of {@link MaxMeanPooling}: two stock pooling layers (max, average) over the same input
 * and mask, their outputs side by side; the gradient of each half goes back through its own pooling
 * and the two input gradients add up.
 */
final class MaxMeanPoolingLayer extends AbstractLayer<MaxMeanPooling> {
  private final GlobalPoolingLayer max;
  private final GlobalPoolingLayer mean;

  MaxMeanPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
    this.max = stock(conf, PoolingType.MAX, dataType);
    this.mean = stock(conf, PoolingType.AVG, dataType);
  }

  private static GlobalPoolingLayer stock(
      NeuralNetConfiguration conf, PoolingType type, DataType dataType) {
    NeuralNetConfiguration own = conf.clone();
    own.setLayer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(type).build());
    return new GlobalPoolingLayer(own, dataType);
  }

  @Override
  public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(false);
    INDArray maxima = pool(max, training, workspaceMgr);
    INDArray means = pool(mean, training, workspaceMgr);
    long units = maxima.size(1);
    INDArray out =
        workspaceMgr.createUninitialized(
            ArrayType.ACTIVATIONS, maxima.dataType(), maxima.size(0), 2 * units);
    out.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units)).assign(maxima);
    out.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).assign(means);
    return out;
  }

  private INDArray pool(GlobalPoolingLayer pooling, boolean training, LayerWorkspaceMgr mgr) {
    pooling.setInput(input, mgr);
    pooling.setMaskArray(maskArray);
    return pooling.activate(training, mgr);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    assertInputSet(true);
    long units = epsilon.size(1) / 2;
    INDArray fromMax =
        max.backpropGradient(
                epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, units)).dup(),
                workspaceMgr)
            .getSecond();
    INDArray fromMean =
        mean.backpropGradient(
                epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(units, 2 * units)).dup(),
                workspaceMgr)
            .getSecond();
    return new Pair<>(new DefaultGradient(), fromMax.addi(fromMean));
  }

  @Override
  public void setMaskArray(INDArray maskArray) {
    super.setMaskArray(maskArray);
    max.setMaskArray(maskArray);
    mean.setMaskArray(maskArray);
  }

  @Override
  public Pair<INDArray, MaskState> feedForwardMaskArray(
      INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
    // Pooling consumes the time mask, as the stock layer does: the output has no steps.
    setMaskArray(maskArray);
    mean.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
    return max.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
  }

  @Override
  public boolean isPretrainLayer() {
    return false;
  }

  @Override
  public void clearNoiseWeightParams() {
    // No parameters.
  }

  @Override
  public Type type() {
    return Type.SUBSAMPLING;
  }

  @Override
  public void clear() {
    // The inner layers hold the same input and mask; let them go with this layer's.
    super.clear();
    max.clear();
    mean.clear();
  }
}
