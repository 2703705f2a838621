package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.NextTokenBatch;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The heap stepper gives the distributions {@code rnnTimeStep} gives, step after step and for
 * several sequences side by side, for every fused cell and stacked layers; starts afresh after a
 * reset; and stands aside where it does not apply.
 */
class FusedStepperTest {
  private static final int VOCAB = 23;
  private static final int WINDOW = 12;

  @ParameterizedTest(name = "{0}, {1} layer(s), {2} sequence(s)")
  @CsvSource({
    "SIMPLE_RNN, 1, 1",
    "SIMPLE_RNN, 2, 6",
    "LSTM, 1, 1",
    "LSTM, 2, 5",
    "GRU, 1, 1",
    "GRU, 1, 9",
    "GRU, 3, 4"
  })
  void givesWhatRnnTimeStepGives(Cell cell, int layers, int rows) {
    MultiLayerNetwork net = trained(cell, layers);
    FusedStepper stepper = FusedStepper.of(net, rows).orElseThrow();
    Random random = new Random(3);
    for (int round = 0; round < 2; round++) {
      net.rnnClearPreviousState();
      stepper.reset();
      for (int t = 0; t < 10; t++) {
        int[] ids = new int[rows];
        float[] features = new float[rows];
        for (int b = 0; b < rows; b++) {
          ids[b] = random.nextInt(VOCAB);
          features[b] = ids[b];
        }
        INDArray expected =
            net.rnnTimeStep(Nd4j.create(features, new long[] {rows, 1, 1}, 'c'))
                .get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all());
        float[] actual = stepper.step(ids);
        RecurrentNets.assertClose(
            Nd4j.create(actual, new long[] {rows, VOCAB}, 'c'),
            expected,
            2e-5,
            "step " + t + " of round " + round);
      }
    }
  }

  /** A temperature T gives the distribution raised to 1/T and renormalised, as sampling wants. */
  @Test
  void aTemperatureReshapesTheDistribution() {
    MultiLayerNetwork net = trained(Cell.GRU, 2);
    FusedStepper plain = FusedStepper.of(net, 3).orElseThrow();
    FusedStepper sharp = FusedStepper.of(net, 3).orElseThrow();
    FusedStepper flat = FusedStepper.of(net, 3).orElseThrow();
    int[][] steps = {{4, 5, 6}, {7, 7, 7}, {1, 9, 22}};
    for (int[] ids : steps) {
      float[] p = plain.step(ids);
      float[] half = sharp.step(ids, 0.5);
      float[] twice = flat.step(ids, 2.0);
      for (int b = 0; b < 3; b++) {
        double squares = 0;
        double roots = 0;
        for (int v = 0; v < VOCAB; v++) {
          squares += (double) p[b * VOCAB + v] * p[b * VOCAB + v];
          roots += Math.sqrt(p[b * VOCAB + v]);
        }
        for (int v = 0; v < VOCAB; v++) {
          double q = p[b * VOCAB + v];
          assertThat((double) half[b * VOCAB + v]).isCloseTo(q * q / squares, within(1e-5));
          assertThat((double) twice[b * VOCAB + v]).isCloseTo(Math.sqrt(q) / roots, within(1e-5));
        }
      }
    }
    assertThatThrownBy(() -> plain.step(steps[0], 0)).hasMessageContaining("temperature");
  }

  @Test
  void refusesIdsOutsideTheVocabularyOrOfAnotherCount() {
    FusedStepper stepper = FusedStepper.of(trained(Cell.GRU, 1), 2).orElseThrow();
    assertThatThrownBy(() -> stepper.step(new int[] {1, VOCAB}))
        .hasMessageContaining("Id " + VOCAB + " is outside the vocabulary of " + VOCAB);
    assertThatThrownBy(() -> stepper.step(new int[] {1}))
        .hasMessageContaining("1 ids for 2 sequences");
  }

  @Test
  void standsAsideWhereItDoesNotApply() {
    assertThat(FusedStepper.of(classifier(), 1)).as("a classifier").isEmpty();
    assertThat(FusedStepper.of(trained(Cell.GRU, 1).convertDataType(DataType.DOUBLE), 1))
        .as("double precision")
        .isEmpty();
  }

  /** A next-token network of the cell, moved off its initial weights by a few steps of training. */
  private static MultiLayerNetwork trained(Cell cell, int layers) {
    MultiLayerNetwork net = NetworkFactory.create(spec(cell, layers, Head.NEXT_TOKEN));
    Random random = new Random(1);
    int[][] windows = new int[6][WINDOW + 1];
    for (int[] w : windows) {
      for (int t = 0; t < w.length; t++) {
        w[t] = 1 + random.nextInt(VOCAB - 1);
      }
    }
    for (int i = 0; i < 5; i++) {
      net.fit(NextTokenBatch.of(windows, VOCAB));
    }
    return net;
  }

  private static MultiLayerNetwork classifier() {
    return NetworkFactory.create(spec(Cell.GRU, 1, Head.BINARY));
  }

  /** Inferred input lengths (the padding mask), as next-char networks are built: any window. */
  private static NetworkSpec spec(Cell cell, int layers, Head head) {
    return new NetworkSpec(
        cell, VOCAB, WINDOW, 5, 7, 1e-2, 3, true, layers, false, 0, Pooling.LAST, head);
  }
}
