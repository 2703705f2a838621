package io.imdbrnn.model.fused;

import static io.imdbrnn.model.fused.RecurrentNets.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The fused per-step softmax head against DL4J's own {@link RnnOutputLayer} with the same
 * parameters: score, every parameter's gradient (the recurrent layer's too, so the input gradient
 * is checked through it), outputs, and step-by-step outputs as generation uses them.
 */
class FusedSoftmaxOutputTest {
  private static final int STEPS = 9;
  private static final int ROWS = 5;

  private static RnnOutputLayer stockHead(int nIn, int nOut, RNNFormat format) {
    return new RnnOutputLayer.Builder(LossFunction.SPARSE_MCXENT)
        .activation(Activation.SOFTMAX)
        .dataFormat(format)
        .nIn(nIn)
        .nOut(nOut)
        .build();
  }

  /** A fused GRU (sequence-major steps, NWC) or the stock LSTM (NCW), then the head. */
  private static MultiLayerNetwork network(int units, Layer head, RNNFormat format) {
    Layer recurrent =
        format == RNNFormat.NWC
            ? new FusedGru.Builder().dataFormat(format).nIn(4).nOut(units).build()
            : new LSTM.Builder()
                .dataFormat(format)
                .nIn(4)
                .nOut(units)
                .activation(Activation.TANH)
                .build();
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(11)
            .dataType(DataType.FLOAT)
            .updater(new NoOp())
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(recurrent)
            .layer(head)
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  private record Pair(MultiLayerNetwork stock, MultiLayerNetwork fused) {}

  private static Pair pair(int units, int classes, RNNFormat format) {
    MultiLayerNetwork stock = network(units, stockHead(units, classes, format), format);
    MultiLayerNetwork fused =
        network(units, FusedSoftmaxOutput.of(stockHead(units, classes, format)), format);
    fused.setParams(stock.params());
    assertThat(fused.getLayer(1)).isInstanceOf(FusedSoftmaxOutputLayer.class);
    return new Pair(stock, fused);
  }

  private static INDArray features(RNNFormat format, Random random) {
    INDArray x = Nd4j.randn(random.nextLong(), new long[] {ROWS, STEPS, 4}).castTo(DataType.FLOAT);
    return format == RNNFormat.NWC ? x : x.permute(0, 2, 1).dup('c');
  }

  private static INDArray targets(int classes, RNNFormat format, Random random) {
    float[] ids = new float[ROWS * STEPS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextInt(classes);
    }
    long[] shape =
        format == RNNFormat.NWC ? new long[] {ROWS, STEPS, 1} : new long[] {ROWS, 1, STEPS};
    return Nd4j.create(ids, shape, 'c');
  }

  @ParameterizedTest(name = "{0} units, {1} classes, {2}, masked {3}")
  @CsvSource({
    "32, 99, NWC, true",
    "10, 21, NWC, true",
    "17, 3, NWC, false",
    "12, 40, NCW, true",
    "33, 16, NCW, false"
  })
  void scoreGradientsAndOutputsMatchTheStockLayer(
      int units, int classes, RNNFormat format, boolean masked) {
    Pair nets = pair(units, classes, format);
    Random random = new Random(units * 31L + classes);
    INDArray x = features(format, random);
    INDArray y = targets(classes, format, random);
    INDArray mask = masked ? RecurrentNets.postPaddingMask(ROWS, STEPS, random) : null;

    INDArray expected = RecurrentNets.gradient(nets.stock(), x, y, mask);
    double expectedScore = nets.stock().score();
    INDArray actual = RecurrentNets.gradient(nets.fused(), x, y, mask);
    assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0.0);
    assertThat(nets.fused().score())
        .isCloseTo(expectedScore, within(1e-4 * Math.abs(expectedScore)));
    assertClose(actual, expected, 1e-3, "gradient");

    // Scored alone (no backward pass before it), as evaluation scores a minibatch.
    org.nd4j.linalg.dataset.DataSet data = new org.nd4j.linalg.dataset.DataSet(x, y, mask, mask);
    assertThat(nets.fused().score(data))
        .isCloseTo(nets.stock().score(data), within(1e-4 * Math.abs(expectedScore)));

    INDArray stockOut = nets.stock().output(x, false, mask, mask);
    INDArray fusedOut = nets.fused().output(x, false, mask, mask);
    assertClose(fusedOut, stockOut, 1e-4, "probabilities");
  }

  @Test
  void stepByStepOutputsMatchTheStockLayer() {
    Pair nets = pair(24, 37, RNNFormat.NWC);
    Random random = new Random(3);
    for (int step = 0; step < 3; step++) {
      INDArray x = Nd4j.randn(random.nextLong(), new long[] {2, 1, 4}).castTo(DataType.FLOAT);
      assertClose(nets.fused().rnnTimeStep(x), nets.stock().rnnTimeStep(x), 1e-4, "step " + step);
    }
  }

  @Test
  void fittingMovesTheParametersAsTheStockLayerDoes() {
    MultiLayerNetwork stock = network(16, stockHead(16, 30, RNNFormat.NWC), RNNFormat.NWC);
    Random random = new Random(8);
    INDArray x = features(RNNFormat.NWC, random);
    INDArray y = targets(30, RNNFormat.NWC, random);
    MultiLayerNetwork fused =
        network(16, FusedSoftmaxOutput.of(stockHead(16, 30, RNNFormat.NWC)), RNNFormat.NWC);
    INDArray start = stock.params().dup();
    fused.setParams(start);
    for (MultiLayerNetwork net : new MultiLayerNetwork[] {stock, fused}) {
      net.getLayerWiseConfigurations()
          .getConfs()
          .forEach(
              c ->
                  ((org.deeplearning4j.nn.conf.layers.BaseLayer) c.getLayer())
                      .setIUpdater(new org.nd4j.linalg.learning.config.Sgd(0.5)));
    }
    // Rebuilt so that the new updaters take effect, from the same starting parameters.
    stock = rebuilt(stock, start);
    fused = rebuilt(fused, start);
    stock.fit(x, y);
    fused.fit(x, y);
    assertThat(stock.params().sub(start).norm2Number().doubleValue()).isGreaterThan(0.0);
    assertClose(fused.params(), stock.params(), 1e-4, "parameters after a step");
  }

  private static MultiLayerNetwork rebuilt(MultiLayerNetwork net, INDArray params) {
    MultiLayerNetwork copy = new MultiLayerNetwork(net.getLayerWiseConfigurations().clone());
    copy.init(params.dup(), true);
    return copy;
  }

  @Test
  void theConfigurationSurvivesJson() {
    MultiLayerNetwork net =
        network(8, FusedSoftmaxOutput.of(stockHead(8, 5, RNNFormat.NWC)), RNNFormat.NWC);
    String json = net.getLayerWiseConfigurations().toJson();
    MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
    assertThat(back.getConf(1).getLayer()).isInstanceOf(FusedSoftmaxOutput.class);
    assertThat(back).isEqualTo(net.getLayerWiseConfigurations());
    assertThat(((RnnOutputLayer) back.getConf(1).getLayer()).getRnnDataFormat())
        .isEqualTo(RNNFormat.NWC);
  }

  @Test
  void aTargetOutsideTheClassesIsNamed() {
    Pair nets = pair(8, 5, RNNFormat.NWC);
    Random random = new Random(4);
    INDArray x = features(RNNFormat.NWC, random);
    INDArray y = targets(5, RNNFormat.NWC, random);
    y.putScalar(new long[] {1, 2, 0}, 5f);
    assertThatThrownBy(() -> RecurrentNets.gradient(nets.fused(), x, y, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Row " + (STEPS + 2))
        .hasMessageContaining("0..4");
  }
}
