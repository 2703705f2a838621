package io.imdbrnn.model.fused;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.embedding.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The embedding lookup with its gradient accumulated in a Java array: {@code dW[id] += delta} for
 * every (row, step), skipping masked steps. Falls back to the stock backward pass for what this one
 * does not cover (bias, a non-identity activation, double precision).
 */
public class HeapScatterEmbeddingLayer extends EmbeddingSequenceLayer {
  public HeapScatterEmbeddingLayer(NeuralNetConfiguration conf, DataType dataType) {
    super(conf, dataType);
  }

  @Override
  public Pair<Gradient, INDArray> backpropGradient(
      INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
    var conf = layerConf();
    if (conf.hasBias()
        || !(conf.getActivationFn() instanceof ActivationIdentity)
        || dataType != DataType.FLOAT) {
      return super.backpropGradient(epsilon, workspaceMgr);
    }
    assertInputSet(true);
    int n = (int) conf.getNOut();
    int vocab = (int) conf.getNIn();
    // Rows of [example, step] in row-major order, matching the flattened ids and mask.
    INDArray delta = conf.getOutputFormat() == RNNFormat.NCW ? epsilon.permute(0, 2, 1) : epsilon;
    float[] d = HeapArrays.floats(delta);
    float[] ids = HeapArrays.floats(input);
    float[] mask = maskArray == null ? null : HeapArrays.floats(maskArray);
    float[] grad = new float[vocab * n];
    for (int i = 0; i < ids.length; i++) {
      if (mask != null && mask[i] == 0f) {
        continue;
      }
      int row = (int) ids[i] * n;
      int from = i * n;
      for (int j = 0; j < n; j++) {
        grad[row + j] += d[from + j];
      }
    }
    INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
    HeapArrays.copyMatrixInto(grad, vocab, n, weightGradient);
    Gradient gradient = new DefaultGradient();
    gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
    return new Pair<>(gradient, null);
  }
}
