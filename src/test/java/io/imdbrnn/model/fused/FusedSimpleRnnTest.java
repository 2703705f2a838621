package io.imdbrnn.model.fused;

import static io.imdbrnn.model.fused.RecurrentNets.assertClose;
import static io.imdbrnn.model.fused.RecurrentNets.gradient;
import static io.imdbrnn.model.fused.RecurrentNets.interval;
import static io.imdbrnn.model.fused.RecurrentNets.labels;
import static io.imdbrnn.model.fused.RecurrentNets.prePaddingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The fused layer against DL4J's stock SimpleRnn with identical parameters: outputs and every
 * parameter gradient, full-sequence and last-step, with and without (pre-padding) masks, in float
 * and double, and for sizes that exercise the kernels' tile and tail paths.
 */
class FusedSimpleRnnTest {
  private static final int N_IN = RecurrentNets.N_IN;

  /** How the recurrent layer's output reaches the output layer. */
  enum Output {
    /** Every step, into an RnnOutputLayer. */
    SEQUENCE,
    /** Wrapped in DL4J's LastTimeStep, into a dense output layer. */
    WRAPPED_LAST_STEP,
    /** The fused layer's own last-step mode (the stock layer is wrapped in LastTimeStep). */
    LAST_STEP_ONLY
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // rows, steps, hidden, activation, data type, output, masked
        Arguments.of(5, 9, 20, Activation.RELU, DataType.DOUBLE, Output.SEQUENCE, false),
        Arguments.of(5, 9, 20, Activation.TANH, DataType.DOUBLE, Output.SEQUENCE, true),
        Arguments.of(8, 7, 32, Activation.RELU, DataType.DOUBLE, Output.WRAPPED_LAST_STEP, true),
        Arguments.of(8, 7, 32, Activation.RELU, DataType.DOUBLE, Output.LAST_STEP_ONLY, true),
        Arguments.of(3, 11, 16, Activation.IDENTITY, DataType.DOUBLE, Output.LAST_STEP_ONLY, false),
        Arguments.of(8, 40, 32, Activation.RELU, DataType.FLOAT, Output.WRAPPED_LAST_STEP, false),
        Arguments.of(8, 40, 32, Activation.RELU, DataType.FLOAT, Output.LAST_STEP_ONLY, false),
        Arguments.of(7, 40, 32, Activation.RELU, DataType.FLOAT, Output.LAST_STEP_ONLY, true),
        Arguments.of(6, 25, 37, Activation.TANH, DataType.FLOAT, Output.SEQUENCE, true),
        Arguments.of(9, 30, 64, Activation.RELU, DataType.FLOAT, Output.SEQUENCE, false));
  }

  @ParameterizedTest(name = "rows {0}, steps {1}, n {2}, {3}, {4}, {5}, masked {6}")
  @MethodSource("cases")
  void matchesStockSimpleRnn(
      int rows, int steps, int n, Activation act, DataType type, Output output, boolean masked) {
    boolean lastStep = output != Output.SEQUENCE;
    MultiLayerNetwork stock = network(stockCell(n, act), n, type, lastStep, new NoOp());
    MultiLayerNetwork fused =
        output == Output.LAST_STEP_ONLY
            ? lastStepOnlyNetwork(n, act, type, new NoOp())
            : network(fusedCell(n, act), n, type, lastStep, new NoOp());
    fused.setParams(stock.params());
    Random random = new Random(rows * 1000L + steps);
    INDArray x = Nd4j.randn(random.nextLong(), new long[] {rows, N_IN, steps}).castTo(type);
    INDArray mask = masked ? prePaddingMask(rows, steps, random).castTo(type) : null;
    INDArray y = labels(rows, steps, lastStep, random).castTo(type);
    double tolerance = type == DataType.DOUBLE ? 1e-6 : 1e-3;

    INDArray expectedOut = stock.output(x, false, mask, null);
    INDArray actualOut = fused.output(x, false, mask, null);
    assertClose(actualOut, expectedOut, tolerance, "output");

    INDArray expectedGrad = gradient(stock, x, y, mask);
    INDArray actualGrad = gradient(fused, x, y, mask);
    assertThat(expectedGrad.norm2Number().doubleValue()).isGreaterThan(0.0);
    assertClose(actualGrad, expectedGrad, tolerance, "gradient");
    assertThat(fused.score()).isCloseTo(stock.score(), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void passesDl4jGradientCheckInDoublePrecision() {
    for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
      for (boolean masked : new boolean[] {false, true}) {
        MultiLayerNetwork net =
            masked
                ? lastStepOnlyNetwork(7, act, DataType.DOUBLE, new NoOp())
                : network(fusedCell(7, act), 7, DataType.DOUBLE, true, new NoOp());
        Random random = new Random(11);
        INDArray x = Nd4j.randn(5L, new long[] {4, N_IN, 6}).castTo(DataType.DOUBLE);
        INDArray mask = masked ? prePaddingMask(4, 6, random).castTo(DataType.DOUBLE) : null;
        INDArray y = labels(4, 6, true, random).castTo(DataType.DOUBLE);
        boolean ok = RecurrentNets.gradientCheck(net, x, y, mask);
        assertThat(ok).as("gradient check, %s, masked %s", act, masked).isTrue();
      }
    }
  }

  @Test
  void maskedStepsKeepTheStateAndBucketedBatchesMatchPaddedOnes() {
    // Pre-padded sequences trimmed to their longest member give the same last-step output.
    MultiLayerNetwork net =
        network(fusedCell(32, Activation.RELU), 32, DataType.FLOAT, true, new NoOp());
    Random random = new Random(3);
    int rows = 6;
    int full = 30;
    int trimmed = 12;
    INDArray x = Nd4j.randn(9L, new long[] {rows, N_IN, full}).castTo(DataType.FLOAT);
    INDArray mask = Nd4j.zeros(DataType.FLOAT, rows, full);
    for (int r = 0; r < rows; r++) {
      int length = 1 + random.nextInt(trimmed);
      for (int t = full - length; t < full; t++) {
        mask.putScalar(r, t, 1f);
      }
    }
    INDArray xTrim = x.get(allRows(), allRows(), interval(full - trimmed, full)).dup();
    INDArray maskTrim = mask.get(allRows(), interval(full - trimmed, full)).dup();
    assertClose(
        net.output(xTrim, false, maskTrim, null), net.output(x, false, mask, null), 1e-5, "output");
  }

  @Test
  void survivesModelSerializerRoundTrip() throws Exception {
    MultiLayerNetwork net =
        lastStepOnlyNetwork(
            8, Activation.RELU, DataType.FLOAT, new org.nd4j.linalg.learning.config.Adam(1e-3));
    // One update, so there is Adam state to round-trip too.
    net.fit(
        Nd4j.randn(2L, new long[] {3, N_IN, 5}).castTo(DataType.FLOAT),
        Nd4j.ones(DataType.FLOAT, 3, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    MultiLayerNetwork back =
        ModelSerializer.restoreMultiLayerNetwork(
            new ByteArrayInputStream(bytes.toByteArray()), true);
    FusedSimpleRnn layer = (FusedSimpleRnn) back.getLayerWiseConfigurations().getConf(0).getLayer();
    assertThat(layer.isLastStepOnly()).isTrue();
    assertThat(back.getLayer(0)).isInstanceOf(FusedSimpleRnnLayer.class);
    assertThat(back.getUpdater().getStateViewArray())
        .isEqualTo(net.getUpdater().getStateViewArray());
    assertThat(back.getLayerWiseConfigurations().toJson()).contains(FusedSimpleRnn.class.getName());
    INDArray x = Nd4j.randn(1L, new long[] {3, N_IN, 5}).castTo(DataType.FLOAT);
    assertThat(back.output(x)).isEqualTo(net.output(x));
    assertThat(back.params()).isEqualTo(net.params());
  }

  @Test
  void rnnTimeStepContinuesFromTheStoredState() {
    MultiLayerNetwork net =
        network(fusedCell(10, Activation.TANH), 10, DataType.DOUBLE, false, new NoOp());
    RecurrentNets.assertTimeStepsContinue(net);
  }

  @Test
  void nwcLayoutComputesWhatNcwDoes() {
    MultiLayerNetwork ncw =
        network(fusedCell(12, Activation.RELU), 12, DataType.FLOAT, false, new NoOp());
    MultiLayerNetwork nwc =
        network(
            (BaseRecurrentLayer)
                new FusedSimpleRnn.Builder()
                    .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NWC)
                    .nIn(N_IN)
                    .nOut(12)
                    .activation(Activation.RELU)
                    .build(),
            12,
            DataType.FLOAT,
            false,
            new NoOp());
    nwc.setParams(ncw.params());
    INDArray x = Nd4j.randn(8L, new long[] {3, N_IN, 7}).castTo(DataType.FLOAT);
    // The RnnOutputLayer after it stays NCW, so only the recurrent layer's own output is compared.
    INDArray outNcw = ncw.feedForwardToLayer(0, x).get(1);
    INDArray outNwc = nwc.feedForwardToLayer(0, x.permute(0, 2, 1).dup()).get(1);
    assertClose(outNwc.permute(0, 2, 1), outNcw, 1e-5, "NWC output");
  }

  @Test
  void refusesActivationsItDoesNotImplement() {
    assertThatThrownBy(
            () -> network(fusedCell(4, Activation.SIGMOID), 4, DataType.FLOAT, true, new NoOp()))
        .hasMessageContaining("supports ReLU, tanh and identity")
        .hasMessageContaining("stock SimpleRnn");
  }

  @Test
  void configurationIsNotEqualToTheStockOne() {
    SimpleRnn stock = (SimpleRnn) stockCell(4, Activation.RELU);
    SimpleRnn fused = (SimpleRnn) fusedCell(4, Activation.RELU);
    assertThat(fused).isNotEqualTo(stock);
    assertThat(stock).isNotEqualTo(fused);
    assertThat(fused).isEqualTo(fusedCell(4, Activation.RELU));
  }

  private static BaseRecurrentLayer stockCell(int n, Activation act) {
    return new SimpleRnn.Builder().nIn(N_IN).nOut(n).activation(act).build();
  }

  private static BaseRecurrentLayer fusedCell(int n, Activation act) {
    return (BaseRecurrentLayer)
        new FusedSimpleRnn.Builder().nIn(N_IN).nOut(n).activation(act).build();
  }

  private static MultiLayerNetwork lastStepOnlyNetwork(
      int n, Activation act, DataType type, org.nd4j.linalg.learning.config.IUpdater updater) {
    return RecurrentNets.network(
        new FusedSimpleRnn.Builder().lastStepOnly(true).nIn(N_IN).nOut(n).activation(act).build(),
        n,
        type,
        true,
        updater);
  }

  private static MultiLayerNetwork network(
      BaseRecurrentLayer cell,
      int n,
      DataType type,
      boolean lastStep,
      org.nd4j.linalg.learning.config.IUpdater updater) {
    return RecurrentNets.network(
        lastStep ? new LastTimeStep(cell) : cell, n, type, lastStep, updater);
  }

  private static org.nd4j.linalg.indexing.INDArrayIndex allRows() {
    return RecurrentNets.all();
  }
}
