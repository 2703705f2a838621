package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Small networks around one recurrent layer, and the comparisons the fused-layer tests make. */
final class RecurrentNets {
  static final int N_IN = 6;

  private RecurrentNets() {}

  /**
   * {@code recurrent} of output width {@code width}, then a sigmoid unit ({@code lastStep}) or a
   * 3-wide linear output at every step.
   */
  static MultiLayerNetwork network(
      Layer recurrent, long width, DataType type, boolean lastStep, IUpdater updater) {
    Layer head =
        lastStep
            ? new OutputLayer.Builder(LossFunction.XENT)
                .nIn(width)
                .nOut(1)
                .activation(Activation.SIGMOID)
                .build()
            : new RnnOutputLayer.Builder(LossFunction.MSE)
                .nIn(width)
                .nOut(3)
                .activation(Activation.IDENTITY)
                .build();
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(123)
            .dataType(type)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(recurrent)
            .layer(head)
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }

  static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
    net.setLayerMaskArrays(mask, null);
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    net.clearLayerMaskArrays();
    return net.gradient().gradient().dup();
  }

  /** DL4J's finite-difference check of every parameter's gradient; needs double networks. */
  static boolean gradientCheck(MultiLayerNetwork net, INDArray x, INDArray y, INDArray mask) {
    DataType defaultType = Nd4j.dataType();
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    try {
      return GradientCheckUtil.checkGradients(
          new GradientCheckUtil.MLNConfig()
              .net(net)
              .input(x)
              .labels(y)
              .inputMask(mask)
              .epsilon(1e-6)
              .maxRelError(1e-5)
              .minAbsoluteError(1e-8));
    } finally {
      Nd4j.setDefaultDataTypes(defaultType, defaultType);
    }
  }

  /** {@code rnnTimeStep} over two pieces of a sequence gives what one pass over all of it gives. */
  static void assertTimeStepsContinue(MultiLayerNetwork net) {
    INDArray x = Nd4j.randn(4L, new long[] {2, N_IN, 8}).castTo(DataType.DOUBLE);
    INDArray whole = net.output(x);
    net.rnnClearPreviousState();
    INDArray first = net.rnnTimeStep(x.get(all(), all(), interval(0, 5)).dup());
    INDArray second = net.rnnTimeStep(x.get(all(), all(), interval(5, 8)).dup());
    assertClose(Nd4j.concat(2, first, second), whole, 1e-9, "step-by-step output");
  }

  /**
   * The float network (SIMD kernels) computes the double one's gradients to 2e-3 on 7 pre-padded
   * sequences of 15 steps: the same layer built twice, {@code layer} for each data type.
   */
  static void assertFloatMatchesDouble(
      java.util.function.Supplier<Layer> layer, long width, boolean lastStep) {
    assertFloatMatchesDouble(layer, width, lastStep, 7);
  }

  /** The same on {@code rows} sequences (more than one tile of the recurrent product). */
  static void assertFloatMatchesDouble(
      java.util.function.Supplier<Layer> layer, long width, boolean lastStep, int rows) {
    MultiLayerNetwork dbl = network(layer.get(), width, DataType.DOUBLE, lastStep, new NoOp());
    MultiLayerNetwork flt = network(layer.get(), width, DataType.FLOAT, lastStep, new NoOp());
    flt.setParams(dbl.params().castTo(DataType.FLOAT));
    Random random = new Random(29);
    INDArray x = Nd4j.randn(9L, new long[] {rows, N_IN, 15});
    INDArray mask = prePaddingMask(rows, 15, random);
    INDArray y = labels(rows, 15, lastStep, random);
    INDArray expected =
        gradient(
            dbl,
            x.castTo(DataType.DOUBLE),
            y.castTo(DataType.DOUBLE),
            mask.castTo(DataType.DOUBLE));
    INDArray actual =
        gradient(
            flt, x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), mask.castTo(DataType.FLOAT));
    assertThat(expected.norm2Number().doubleValue()).isGreaterThan(0.0);
    assertClose(actual, expected, 2e-3, "float gradient");
  }

  /** Padding before each row's real steps (row 0 has none); Keras' default. */
  static INDArray prePaddingMask(int rows, int steps, Random random) {
    return mask(rows, steps, random, true);
  }

  /** Padding after each row's real steps (row 0 has none). */
  static INDArray postPaddingMask(int rows, int steps, Random random) {
    return mask(rows, steps, random, false);
  }

  private static INDArray mask(int rows, int steps, Random random, boolean pre) {
    INDArray mask = Nd4j.zeros(DataType.FLOAT, rows, steps);
    for (int r = 0; r < rows; r++) {
      int length = r == 0 ? steps : 1 + random.nextInt(steps);
      for (int i = 0; i < length; i++) {
        mask.putScalar(r, pre ? steps - 1 - i : i, 1f);
      }
    }
    return mask;
  }

  static INDArray labels(int rows, int steps, boolean lastStep, Random random) {
    if (lastStep) {
      INDArray y = Nd4j.zeros(DataType.FLOAT, rows, 1);
      for (int r = 0; r < rows; r++) {
        y.putScalar(r, 0, random.nextBoolean() ? 1f : 0f);
      }
      return y;
    }
    return Nd4j.randn(random.nextLong(), new long[] {rows, 3, steps});
  }

  /** Element-wise relative closeness, relative to the larger of the value and 1e-3 of the max. */
  static void assertClose(INDArray actual, INDArray expected, double tol, String what) {
    assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
    double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double scale = 0;
    for (double v : e) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < a.length; i++) {
      double err = Math.abs(a[i] - e[i]);
      double bound = tol * Math.max(Math.abs(e[i]), 1e-3 * scale) + 1e-12;
      assertThat(err)
          .as("%s[%d]: fused %s, expected %s", what, i, a[i], e[i])
          .isLessThanOrEqualTo(bound);
    }
  }

  static org.nd4j.linalg.indexing.INDArrayIndex all() {
    return org.nd4j.linalg.indexing.NDArrayIndex.all();
  }

  static org.nd4j.linalg.indexing.INDArrayIndex interval(int from, int to) {
    return org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to);
  }
}
