package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class VectorAdamTest {
  private static MultiLayerNetwork network(IUpdater updater) {
    // 37 and 19 units: parameter blocks whose lengths are not multiples of the vector width.
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(11).nOut(37).activation(Activation.TANH).build())
                .layer(
                    new DenseLayer.Builder().nIn(37).nOut(19).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.XENT)
                        .nIn(19)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
    net.init();
    return net;
  }

  @Test
  void stepsMatchNd4jAdam() {
    MultiLayerNetwork reference = network(new Adam(0.01));
    MultiLayerNetwork vector = network(new VectorAdam(0.01));
    vector.setParams(reference.params());
    for (int i = 0; i < 25; i++) {
      INDArray x = Nd4j.randn(100L + i, new long[] {16, 11}).castTo(DataType.FLOAT);
      INDArray y = Nd4j.rand(DataType.FLOAT, 16, 1).gt(0.5).castTo(DataType.FLOAT);
      reference.fit(x, y);
      vector.fit(x, y);
    }
    double moved =
        reference.params().sub(network(new Adam(0.01)).params()).norm2Number().doubleValue();
    double diff = reference.params().sub(vector.params()).norm2Number().doubleValue();
    assertThat(moved).isGreaterThan(0.1);
    assertThat(diff).isLessThan(1e-4 * moved);
    assertThat(
            vector
                .getUpdater()
                .getStateViewArray()
                .sub(reference.getUpdater().getStateViewArray())
                .amaxNumber()
                .doubleValue())
        .isLessThan(1e-5);
  }

  @Test
  void survivesCloningAndSerialization() throws Exception {
    MultiLayerNetwork net = network(new VectorAdam(0.003));
    IUpdater perLayer =
        ((BaseLayer) net.getLayerWiseConfigurations().getConf(1).getLayer()).getIUpdater();
    assertThat(perLayer).isInstanceOf(VectorAdam.class).isEqualTo(new VectorAdam(0.003));
    assertThat(perLayer).isNotEqualTo(new Adam(0.003));
    net.fit(Nd4j.rand(DataType.FLOAT, 4, 11), Nd4j.ones(DataType.FLOAT, 4, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    MultiLayerNetwork back =
        ModelSerializer.restoreMultiLayerNetwork(
            new ByteArrayInputStream(bytes.toByteArray()), true);
    IUpdater restored =
        ((BaseLayer) back.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
    assertThat(restored).isInstanceOf(VectorAdam.class);
    assertThat(((VectorAdam) restored).getLearningRate()).isEqualTo(0.003);
    assertThat(back.getUpdater().getStateViewArray())
        .isEqualTo(net.getUpdater().getStateViewArray());
  }
}
