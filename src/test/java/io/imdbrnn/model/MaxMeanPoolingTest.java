package io.imdbrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class MaxMeanPoolingTest {
  private static final int UNITS = 3;
  private static final int STEPS = 7;

  /** A stock LSTM (4 inputs, 3 units) → max-mean pooling → 2 softmax outputs. */
  private static MultiLayerNetwork network(DataType type) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(11)
            .dataType(type)
            .updater(new NoOp())
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new LSTM.Builder()
                    .nIn(4)
                    .nOut(UNITS)
                    .activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW)
                    .build())
            .layer(new MaxMeanPooling())
            .layer(
                new OutputLayer.Builder(LossFunction.MCXENT)
                    .nIn(2 * UNITS)
                    .nOut(2)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  /** Row r keeps its first STEPS - r steps; row 0 has no padding. */
  private static INDArray mask(int rows, DataType type) {
    INDArray mask = Nd4j.zeros(type, rows, STEPS);
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < STEPS - r; t++) {
        mask.putScalar(r, t, 1);
      }
    }
    return mask;
  }

  @Test
  void outputsEachUnitsMaximumThenItsMeanOverTheRealSteps() {
    MultiLayerNetwork net = network(DataType.FLOAT);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 4, STEPS).subi(0.5).muli(4);
    INDArray mask = mask(4, DataType.FLOAT);
    List<INDArray> acts = net.feedForward(x, mask, null);
    INDArray sequence = acts.get(1);
    INDArray pooled = acts.get(2);
    assertThat(pooled.shape()).containsExactly(4, 2 * UNITS);
    for (int r = 0; r < 4; r++) {
      int real = STEPS - r;
      for (int u = 0; u < UNITS; u++) {
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int t = 0; t < real; t++) {
          double v = sequence.getDouble(r, u, t);
          max = Math.max(max, v);
          sum += v;
        }
        assertThat(pooled.getDouble(r, u)).as("max of row %d unit %d", r, u).isEqualTo(max, off());
        assertThat(pooled.getDouble(r, UNITS + u))
            .as("mean of row %d unit %d", r, u)
            .isEqualTo(sum / real, off());
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> off() {
    return org.assertj.core.data.Offset.offset(1e-5);
  }

  @Test
  void gradientsMatchFiniteDifferencesWithAMask() {
    DataType defaultType = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      MultiLayerNetwork net = network(DataType.DOUBLE);
      Random random = new Random(5);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4, STEPS).subi(0.5).muli(2);
      INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 2);
      for (int r = 0; r < 3; r++) {
        y.putScalar(r, random.nextInt(2), 1);
      }
      boolean ok =
          GradientCheckUtil.checkGradients(
              new GradientCheckUtil.MLNConfig()
                  .net(net)
                  .input(x)
                  .labels(y)
                  .inputMask(mask(3, DataType.DOUBLE))
                  .epsilon(1e-6)
                  .maxRelError(1e-5)
                  .minAbsoluteError(1e-8));
      assertThat(ok).as("gradient check").isTrue();
    } finally {
      Nd4j.setDefaultDataTypes(defaultType, defaultType);
    }
  }

  @Test
  void survivesTheConfigurationsJsonAsItself() {
    MultiLayerConfiguration conf = network(DataType.FLOAT).getLayerWiseConfigurations();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
    assertThat(back.getConf(1).getLayer()).isInstanceOf(MaxMeanPooling.class);
    assertThat(back).isEqualTo(conf);
  }
}
