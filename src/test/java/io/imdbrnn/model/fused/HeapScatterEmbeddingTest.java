package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class HeapScatterEmbeddingTest {
  private static final int VOCAB = 50;
  private static final int STEPS = 12;

  private static EmbeddingSequenceLayer stock() {
    return new EmbeddingSequenceLayer.Builder()
        .nIn(VOCAB)
        .nOut(8)
        .inputLength(STEPS)
        .inferInputLength(true)
        .hasBias(false)
        .build();
  }

  private static MultiLayerNetwork network(Layer embedding) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .list()
                .layer(embedding)
                .layer(
                    new FusedSimpleRnn.Builder()
                        .lastStepOnly(true)
                        .nIn(8)
                        .nOut(10)
                        .activation(Activation.TANH)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunction.XENT)
                        .nIn(10)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
    net.init();
    return net;
  }

  @ParameterizedTest(name = "masked {0}")
  @ValueSource(booleans = {false, true})
  void gradientsMatchTheStockEmbedding(boolean masked) {
    HeapScatterEmbedding copy = HeapScatterEmbedding.of(stock());
    assertThat(copy.getInputLength()).isEqualTo(STEPS);
    assertThat(copy.isInferInputLength()).isTrue();
    assertThat(copy.getNIn()).isEqualTo(VOCAB);
    MultiLayerNetwork reference = network(stock());
    MultiLayerNetwork fast = network(copy);
    fast.setParams(reference.params());
    Random random = new Random(masked ? 2 : 1);
    int rows = 6;
    // Repeated ids within and across rows, so accumulation is exercised.
    INDArray ids = Nd4j.zeros(DataType.FLOAT, rows, STEPS);
    INDArray mask = Nd4j.zeros(DataType.FLOAT, rows, STEPS);
    for (int r = 0; r < rows; r++) {
      int length = masked ? 1 + random.nextInt(STEPS) : STEPS;
      for (int t = STEPS - length; t < STEPS; t++) {
        ids.putScalar(r, t, 1 + random.nextInt(7));
        mask.putScalar(r, t, 1f);
      }
    }
    INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {1}, {0}, {0}});
    INDArray expected = gradient(reference, ids, labels, masked ? mask : null);
    INDArray actual = gradient(fast, ids, labels, masked ? mask : null);
    assertThat(fast.getLayer(0)).isInstanceOf(HeapScatterEmbeddingLayer.class);
    assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0.0);
    double maxDiff = Nd4j.math.abs(actual.sub(expected)).maxNumber().doubleValue();
    assertThat(maxDiff).isLessThan(1e-6 + 1e-4 * expected.amaxNumber().doubleValue());
  }

  private static INDArray gradient(
      MultiLayerNetwork net, INDArray ids, INDArray labels, INDArray mask) {
    net.setLayerMaskArrays(mask, null);
    net.setInput(ids);
    net.setLabels(labels);
    net.computeGradientAndScore();
    net.clearLayerMaskArrays();
    return net.gradient().gradient().dup();
  }
}
