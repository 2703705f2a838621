package io.imdbrnn.model.fused;

import static io.imdbrnn.model.fused.RecurrentNets.N_IN;
import static io.imdbrnn.model.fused.RecurrentNets.assertClose;
import static io.imdbrnn.model.fused.RecurrentNets.labels;
import static io.imdbrnn.model.fused.RecurrentNets.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The GRU against a plain double-precision implementation of the {@code reset_after} equations
 * written here, DL4J's gradient check, and its own double path (for the float SIMD kernel's
 * gradients); masking against the reference, and the layer's life in a network.
 */
class FusedGruTest {
  @ParameterizedTest(name = "rows {0}, steps {1}, n {2}, {3}, pre-padding {4}")
  @CsvSource({
    "5, 9, 20, DOUBLE, true",
    "7, 13, 37, FLOAT, true",
    "8, 11, 32, FLOAT, false",
    "3, 6, 5, DOUBLE, false",
    "9, 6, 72, FLOAT, true" // U is 62 KB: eight rows at a time, one left over, a masked tail
  })
  void matchesTheReferenceEquationsWithAndWithoutPadding(
      int rows, int steps, int n, DataType type, boolean prePadding) {
    MultiLayerNetwork net = network(gru(n, false, false), n, type, false, new NoOp());
    Random random = new Random(rows * 31L + n);
    net.setParams(Nd4j.randn(random.nextLong(), net.params().shape()).castTo(type).muli(0.4));
    INDArray x = Nd4j.randn(random.nextLong(), new long[] {rows, N_IN, steps}).castTo(type);
    INDArray mask =
        prePadding
            ? RecurrentNets.prePaddingMask(rows, steps, random)
            : RecurrentNets.postPaddingMask(rows, steps, random);
    double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-3;
    net.setLayerMaskArrays(mask.castTo(type), null);
    INDArray actual = net.feedForward(x, false).get(1);
    assertClose(actual, reference(net, x, mask, n), tolerance, "GRU outputs");
  }

  @Test
  void passesDl4jGradientCheck() {
    for (boolean bidirectional : new boolean[] {false, true}) {
      for (boolean lastStepOnly : new boolean[] {false, true}) {
        MultiLayerNetwork net =
            network(
                gru(5, lastStepOnly, bidirectional),
                bidirectional ? 10 : 5,
                DataType.DOUBLE,
                lastStepOnly,
                new NoOp());
        Random random = new Random(19);
        net.setParams(Nd4j.randn(7L, net.params().shape()).castTo(DataType.DOUBLE).muli(0.5));
        INDArray x = Nd4j.randn(5L, new long[] {4, N_IN, 6}).castTo(DataType.DOUBLE);
        INDArray mask = RecurrentNets.postPaddingMask(4, 6, random).castTo(DataType.DOUBLE);
        INDArray y = labels(4, 6, lastStepOnly, random).castTo(DataType.DOUBLE);
        assertThat(RecurrentNets.gradientCheck(net, x, y, mask))
            .as("gradient check, bidirectional %s, last step %s", bidirectional, lastStepOnly)
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "bidirectional {0}, last step {1}")
  @CsvSource({"false, false", "false, true", "true, false", "true, true"})
  void floatKernelGradientsMatchTheDoublePath(boolean bidirectional, boolean lastStepOnly) {
    int n = 37;
    RecurrentNets.assertFloatMatchesDouble(
        () -> gru(n, lastStepOnly, bidirectional), bidirectional ? 2 * n : n, lastStepOnly);
  }

  @Test
  void floatKernelGradientsMatchTheDoublePathWhereEightRowsAdvanceTogether() {
    // U [72 × 216] and Uᵀ are 62 KB: the recurrent products take eight rows at a time, and the
    // ninth row and the partial column blocks the narrower paths.
    int n = 72;
    RecurrentNets.assertFloatMatchesDouble(() -> gru(n, false, false), n, false, 9);
  }

  @Test
  void rnnTimeStepContinuesFromTheStoredState() {
    MultiLayerNetwork net = network(gru(10, false, false), 10, DataType.DOUBLE, false, new NoOp());
    RecurrentNets.assertTimeStepsContinue(net);
  }

  /**
   * In float, stepping keeps a heap copy of the recurrent weights for the sequence: it must give
   * the whole-sequence output, and after training (weights changed) a new sequence must read the
   * new weights.
   */
  @Test
  void floatSteppingReadsTheWeightsOfEachSequence() {
    MultiLayerNetwork net =
        network(gru(10, false, false), 10, DataType.FLOAT, false, new Adam(0.05));
    INDArray x = Nd4j.randn(4L, new long[] {2, N_IN, 8}).castTo(DataType.FLOAT);
    for (int round = 0; round < 2; round++) {
      INDArray whole = net.output(x);
      net.rnnClearPreviousState();
      INDArray first = net.rnnTimeStep(x.get(all(), all(), interval(0, 5)).dup());
      INDArray second = net.rnnTimeStep(x.get(all(), all(), interval(5, 8)).dup());
      RecurrentNets.assertClose(
          Nd4j.concat(2, first, second), whole, 1e-5, "stepped, round " + round);
      INDArray before = net.params().dup();
      net.fit(
          x, RecurrentNets.labels(2, 8, false, new java.util.Random(round)).castTo(DataType.FLOAT));
      assertThat(net.params()).isNotEqualTo(before);
    }
  }

  @Test
  void survivesModelSerializerRoundTripWithAdamState() throws Exception {
    MultiLayerNetwork net = network(gru(8, true, true), 16, DataType.FLOAT, true, new Adam(1e-2));
    net.fit(
        Nd4j.randn(2L, new long[] {3, N_IN, 5}).castTo(DataType.FLOAT),
        Nd4j.ones(DataType.FLOAT, 3, 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(net, bytes, true);
    MultiLayerNetwork back =
        ModelSerializer.restoreMultiLayerNetwork(
            new ByteArrayInputStream(bytes.toByteArray()), true);
    FusedGru layer = (FusedGru) back.getLayerWiseConfigurations().getConf(0).getLayer();
    assertThat(layer.isBidirectional()).isTrue();
    assertThat(layer.isLastStepOnly()).isTrue();
    assertThat(back.getLayer(0).paramTable().keySet())
        .containsExactly("W", "RW", "b", "RB", "bW", "bRW", "bb", "bRB");
    assertThat(back.getUpdater().getStateViewArray())
        .isEqualTo(net.getUpdater().getStateViewArray());
    INDArray x = Nd4j.randn(1L, new long[] {3, N_IN, 5}).castTo(DataType.FLOAT);
    assertThat(back.output(x)).isEqualTo(net.output(x));
  }

  static FusedGru gru(int n, boolean lastStepOnly, boolean bidirectional) {
    return new FusedGru.Builder()
        .lastStepOnly(lastStepOnly)
        .bidirectional(bidirectional)
        .nIn(N_IN)
        .nOut(n)
        .build();
  }

  /**
   * Every step's output, {@code [rows, n, steps]}, from the equations in plain loops: z = σ(x·Wz +
   * bz + h·Uz), r = σ(x·Wr + br + h·Ur), c = tanh(x·Wn + bn + r·(h·Un + bhn)), h' = (1 − z)·c +
   * z·h; a masked step keeps h and outputs zero.
   */
  private static INDArray reference(MultiLayerNetwork net, INDArray x, INDArray mask, int n) {
    double[][] w = matrix(net.getParam("0_W"));
    double[][] u = matrix(net.getParam("0_RW"));
    double[] b = net.getParam("0_b").castTo(DataType.DOUBLE).dup().data().asDouble();
    double[] bhn = net.getParam("0_RB").castTo(DataType.DOUBLE).dup().data().asDouble();
    int rows = (int) x.size(0);
    int steps = (int) x.size(2);
    INDArray out = Nd4j.zeros(DataType.DOUBLE, rows, n, steps);
    for (int r = 0; r < rows; r++) {
      double[] h = new double[n];
      for (int t = 0; t < steps; t++) {
        if (mask.getDouble(r, t) == 0) {
          continue;
        }
        double[] in = new double[N_IN];
        for (int i = 0; i < N_IN; i++) {
          in[i] = x.getDouble(r, i, t);
        }
        double[] next = new double[n];
        for (int j = 0; j < n; j++) {
          double z = b[j];
          double rr = b[n + j];
          double c = b[2 * n + j];
          double hn = bhn[j];
          for (int i = 0; i < N_IN; i++) {
            z += in[i] * w[i][j];
            rr += in[i] * w[i][n + j];
            c += in[i] * w[i][2 * n + j];
          }
          for (int i = 0; i < n; i++) {
            z += h[i] * u[i][j];
            rr += h[i] * u[i][n + j];
            hn += h[i] * u[i][2 * n + j];
          }
          z = 1 / (1 + Math.exp(-z));
          rr = 1 / (1 + Math.exp(-rr));
          c = Math.tanh(c + rr * hn);
          next[j] = (1 - z) * c + z * h[j];
        }
        h = next;
        for (int j = 0; j < n; j++) {
          out.putScalar(new long[] {r, j, t}, h[j]);
        }
      }
    }
    return out;
  }

  private static double[][] matrix(INDArray a) {
    return a.castTo(DataType.DOUBLE).toDoubleMatrix();
  }
}
