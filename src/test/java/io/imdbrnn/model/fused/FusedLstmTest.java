package io.imdbrnn.model.fused;

import static io.imdbrnn.model.fused.RecurrentNets.N_IN;
import static io.imdbrnn.model.fused.RecurrentNets.assertClose;
import static io.imdbrnn.model.fused.RecurrentNets.gradient;
import static io.imdbrnn.model.fused.RecurrentNets.labels;
import static io.imdbrnn.model.fused.RecurrentNets.network;
import static io.imdbrnn.model.fused.RecurrentNets.postPaddingMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * The fused LSTM against DL4J's stock LSTM with the same parameters: outputs and every parameter
 * gradient, full-sequence and last-step, in double (1e-6 relative) and float, at sizes that reach
 * the kernels' tile and tail paths; and parameters that move between the two layers unchanged.
 *
 * <p>Masks are compared on the last step only, with the padding after each review: there the two
 * agree (the stock LSTM's {@code LastTimeStep} picks each review's last real step, the fused layer
 * carries that state through the padding). Over whole sequences the stock LSTM does not mask its
 * output, so it has no masked sequence to compare with; {@link FusedGruTest} checks the fused
 * masking against a reference.
 */
class FusedLstmTest {
  enum Output {
    SEQUENCE,
    WRAPPED_LAST_STEP,
    LAST_STEP_ONLY
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // rows, steps, hidden, data type, output, masked
        Arguments.of(5, 9, 20, DataType.DOUBLE, Output.SEQUENCE, false),
        Arguments.of(8, 7, 32, DataType.DOUBLE, Output.WRAPPED_LAST_STEP, true),
        Arguments.of(7, 7, 32, DataType.DOUBLE, Output.LAST_STEP_ONLY, true),
        Arguments.of(8, 40, 32, DataType.FLOAT, Output.WRAPPED_LAST_STEP, false),
        Arguments.of(7, 40, 32, DataType.FLOAT, Output.LAST_STEP_ONLY, true),
        Arguments.of(6, 25, 37, DataType.FLOAT, Output.SEQUENCE, false),
        Arguments.of(6, 25, 37, DataType.FLOAT, Output.LAST_STEP_ONLY, true),
        Arguments.of(9, 30, 64, DataType.FLOAT, Output.SEQUENCE, false),
        Arguments.of(3, 12, 5, DataType.FLOAT, Output.LAST_STEP_ONLY, false));
  }

  @ParameterizedTest(name = "rows {0}, steps {1}, n {2}, {3}, {4}, masked {5}")
  @MethodSource("cases")
  void matchesStockLstm(int rows, int steps, int n, DataType type, Output output, boolean masked) {
    boolean lastStep = output != Output.SEQUENCE;
    LSTM stockCell = stock(n);
    MultiLayerNetwork stock =
        network(lastStep ? new LastTimeStep(stockCell) : stockCell, n, type, lastStep, new NoOp());
    Layer fusedCell =
        switch (output) {
          case SEQUENCE -> FusedLstm.of(stockCell, false, false);
          case WRAPPED_LAST_STEP -> new LastTimeStep(FusedLstm.of(stockCell, false, false));
          case LAST_STEP_ONLY -> FusedLstm.of(stockCell, true, false);
        };
    MultiLayerNetwork fused = network(fusedCell, n, type, lastStep, new NoOp());
    assertThat(fused.paramTable().keySet()).isEqualTo(stock.paramTable().keySet());
    stock
        .paramTable()
        .forEach((k, v) -> assertThat(fused.getParam(k).shape()).isEqualTo(v.shape()));
    assertThat(fused.params())
        .as("same initialisation from the same seed")
        .isEqualTo(stock.params());
    Random random = new Random(rows * 1000L + steps);
    fused.setParams(Nd4j.randn(random.nextLong(), stock.params().shape()).castTo(type).muli(0.3));
    stock.setParams(fused.params());
    INDArray x = Nd4j.randn(random.nextLong(), new long[] {rows, N_IN, steps}).castTo(type);
    INDArray mask = masked ? postPaddingMask(rows, steps, random).castTo(type) : null;
    INDArray y = labels(rows, steps, lastStep, random).castTo(type);
    double tolerance = type == DataType.DOUBLE ? 1e-6 : 1e-3;

    assertClose(
        fused.output(x, false, mask, null),
        stock.output(x, false, mask, null),
        tolerance,
        "output");
    INDArray expected = gradient(stock, x, y, mask);
    INDArray actual = gradient(fused, x, y, mask);
    assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0.0);
    assertClose(actual, expected, tolerance, "gradient");
  }

  @Test
  void passesDl4jGradientCheck() {
    for (boolean bidirectional : new boolean[] {false, true}) {
      for (boolean lastStepOnly : new boolean[] {false, true}) {
        int width = bidirectional ? 10 : 5;
        MultiLayerNetwork net =
            network(
                FusedLstm.of(stock(5), lastStepOnly, bidirectional),
                width,
                DataType.DOUBLE,
                lastStepOnly,
                new NoOp());
        Random random = new Random(17);
        INDArray x = Nd4j.randn(5L, new long[] {4, N_IN, 6}).castTo(DataType.DOUBLE);
        INDArray mask = RecurrentNets.postPaddingMask(4, 6, random).castTo(DataType.DOUBLE);
        INDArray y = labels(4, 6, lastStepOnly, random).castTo(DataType.DOUBLE);
        assertThat(RecurrentNets.gradientCheck(net, x, y, mask))
            .as("gradient check, bidirectional %s, last step %s", bidirectional, lastStepOnly)
            .isTrue();
      }
    }
  }

  /** Masked, bidirectional and pooled-style (whole-sequence) training in float: the SIMD path. */
  @ParameterizedTest(name = "bidirectional {0}, last step {1}")
  @org.junit.jupiter.params.provider.CsvSource({"true, false", "true, true", "false, false"})
  void floatKernelGradientsMatchTheDoublePath(boolean bidirectional, boolean lastStepOnly) {
    int n = 37;
    RecurrentNets.assertFloatMatchesDouble(
        () -> FusedLstm.of(stock(n), lastStepOnly, bidirectional),
        bidirectional ? 2 * n : n,
        lastStepOnly);
  }

  @Test
  void floatKernelGradientsMatchTheDoublePathWhereEightRowsAdvanceTogether() {
    // U [64 × 256] is 64 KB: the recurrent products take eight rows at a time, the ninth row the
    // narrower path. Bidirectional, so both directions' kernels run it.
    int n = 64;
    RecurrentNets.assertFloatMatchesDouble(
        () -> FusedLstm.of(stock(n), false, true), 2 * n, false, 9);
  }

  @Test
  void rnnTimeStepCarriesOutputAndCellState() {
    MultiLayerNetwork net =
        network(FusedLstm.of(stock(10), false, false), 10, DataType.DOUBLE, false, new NoOp());
    RecurrentNets.assertTimeStepsContinue(net);
  }

  /**
   * One segment whose backward pass is cut after 2 of its 4 steps. Only one segment: from the
   * second on, the stock LSTM computes its gradients from a forward pass restarted at a zero state
   * (it reads the rnnTimeStep state, not the segment's carried one), which the fused layer does not
   * copy.
   */
  @Test
  void truncatedBackpropagationThroughTimeTrainsAsTheStockLayerDoes() {
    MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
    LSTM stockCell = stock(7);
    org.deeplearning4j.nn.conf.layers.Layer[] cells = {
      stockCell, FusedLstm.of(stockCell, false, false)
    };
    for (int i = 0; i < 2; i++) {
      org.deeplearning4j.nn.conf.MultiLayerConfiguration conf =
          new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
              .seed(5)
              .dataType(DataType.DOUBLE)
              .updater(new org.nd4j.linalg.learning.config.Sgd(0.1))
              .list()
              .layer(cells[i])
              .layer(
                  new org.deeplearning4j.nn.conf.layers.RnnOutputLayer.Builder(
                          org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE)
                      .nIn(7)
                      .nOut(3)
                      .activation(Activation.IDENTITY)
                      .build())
              .backpropType(org.deeplearning4j.nn.conf.BackpropType.TruncatedBPTT)
              .tBPTTForwardLength(4)
              .tBPTTBackwardLength(2)
              .build();
      nets[i] = new MultiLayerNetwork(conf);
      nets[i].init();
    }
    nets[1].setParams(nets[0].params());
    INDArray x = Nd4j.randn(3L, new long[] {3, N_IN, 4}).castTo(DataType.DOUBLE);
    INDArray y = Nd4j.randn(4L, new long[] {3, 3, 4}).castTo(DataType.DOUBLE);
    INDArray before = nets[0].params().dup();
    nets[0].fit(x, y);
    nets[1].fit(x, y);
    assertThat(nets[0].params()).isNotEqualTo(before);
    assertClose(nets[1].params(), nets[0].params(), 1e-6, "parameters after a TBPTT fit");
  }

  @Test
  void refusesWhatItDoesNotCompute() {
    LSTM relu = new LSTM.Builder().nIn(N_IN).nOut(4).activation(Activation.RELU).build();
    assertThatThrownBy(
            () -> network(FusedLstm.of(relu, true, false), 4, DataType.FLOAT, true, new NoOp()))
        .hasMessageContaining("tanh with sigmoid gates")
        .hasMessageContaining("stock LSTM");
    MultiLayerNetwork bidirectional =
        network(FusedLstm.of(stock(4), false, true), 8, DataType.FLOAT, false, new NoOp());
    INDArray x = Nd4j.randn(1L, new long[] {2, N_IN, 3}).castTo(DataType.FLOAT);
    assertThatThrownBy(() -> bidirectional.rnnTimeStep(x))
        .hasMessageContaining("bidirectional")
        .hasMessageContaining("whole sequence");
  }

  @Test
  void configurationIsNotEqualToTheStockOne() {
    LSTM stock = stock(4);
    assertThat((LSTM) FusedLstm.of(stock, false, false)).isNotEqualTo(stock);
    assertThat(stock).isNotEqualTo(FusedLstm.of(stock, false, false));
    assertThat(FusedLstm.of(stock, true, false)).isEqualTo(FusedLstm.of(stock, true, false));
    assertThat(FusedLstm.of(stock, true, false)).isNotEqualTo(FusedLstm.of(stock, true, true));
  }

  static LSTM stock(int n) {
    return new LSTM.Builder().nIn(N_IN).nOut(n).activation(Activation.TANH).build();
  }
}
