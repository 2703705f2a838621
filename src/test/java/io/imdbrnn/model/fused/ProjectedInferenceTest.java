package io.imdbrnn.model.fused;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.PaddedBatch;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The projected-embedding scoring path gives the network's own probabilities for every fused cell,
 * one or two directions, padded or masked and trimmed batches; and stands aside where it does not
 * apply.
 */
class ProjectedInferenceTest {
  private static final int VOCAB = 40;
  private static final int STEPS = 15;

  @ParameterizedTest(name = "{0}, bidirectional {1}, masked {2}")
  @CsvSource({
    "SIMPLE_RNN, false, false",
    "SIMPLE_RNN, false, true",
    "LSTM, false, true",
    "LSTM, true, false",
    "GRU, false, false",
    "GRU, true, true"
  })
  void givesTheNetworksProbabilities(Cell cell, boolean bidirectional, boolean masked) {
    MultiLayerNetwork net = trained(cell, 1, bidirectional, masked);
    float[][] ids = reviews(9, new Random(5));
    PaddedBatch.Input in = PaddedBatch.of(ids, masked);
    INDArray projected = ProjectedInference.output(net, in.features(), in.mask());
    assertThat(projected).as("the path applies").isNotNull();
    INDArray expected = net.output(in.features(), false, in.mask(), null);
    RecurrentNets.assertClose(projected, expected, 1e-5, "probabilities");
    assertThat(PaddedBatch.probabilities(net, ids, masked)).isEqualTo(projected);
  }

  @Test
  void standsAsideWhereItDoesNotApply() {
    float[][] ids = reviews(9, new Random(6));
    INDArray features = PaddedBatch.of(ids, false).features();
    assertThat(ProjectedInference.output(trained(Cell.GRU, 2, false, false), features, null))
        .as("stacked layers")
        .isNull();
    assertThat(
            ProjectedInference.output(
                trained(Cell.SIMPLE_RNN_STOCK, 1, false, false), features, null))
        .as("stock layers")
        .isNull();
    MultiLayerNetwork gru = trained(Cell.GRU, 1, false, false);
    float[][] two = reviews(2, new Random(7));
    assertThat(ProjectedInference.output(gru, PaddedBatch.of(two, false).features(), null))
        .as("fewer steps than vocabulary rows")
        .isNull();
    ids[3][4] = VOCAB + 3;
    assertThat(ProjectedInference.output(gru, PaddedBatch.of(ids, false).features(), null))
        .as("an id out of range, left for the network to report")
        .isNull();
  }

  /** A small network of the cell, moved off its initial weights by a few steps of training. */
  private static MultiLayerNetwork trained(
      Cell cell, int layers, boolean bidirectional, boolean masked) {
    MultiLayerNetwork net =
        NetworkFactory.create(
            new NetworkSpec(
                cell,
                VOCAB,
                STEPS,
                5,
                6,
                1e-2,
                3,
                masked,
                layers,
                bidirectional,
                0,
                Pooling.LAST,
                Head.BINARY));
    float[][] ids = reviews(8, new Random(1));
    PaddedBatch.Input in = PaddedBatch.of(ids, masked);
    INDArray labels = Nd4j.createFromArray(new float[][] {{1}, {0}, {1}, {1}, {0}, {0}, {1}, {0}});
    for (int i = 0; i < 5; i++) {
      net.fit(in.features(), labels, in.mask(), null);
    }
    return net;
  }

  /** Pre-padded random reviews of 3 to 15 ids. */
  private static float[][] reviews(int rows, Random random) {
    float[][] ids = new float[rows][STEPS];
    for (int r = 0; r < rows; r++) {
      int length = 3 + random.nextInt(STEPS - 2);
      for (int t = STEPS - length; t < STEPS; t++) {
        ids[r][t] = 1 + random.nextInt(VOCAB - 1);
      }
    }
    return ids;
  }
}
