package io.imdbrnn.model.fused;

import static io.imdbrnn.model.fused.RecurrentNets.N_IN;
import static io.imdbrnn.model.fused.RecurrentNets.all;
import static io.imdbrnn.model.fused.RecurrentNets.assertClose;
import static io.imdbrnn.model.fused.RecurrentNets.interval;
import static io.imdbrnn.model.fused.RecurrentNets.network;

import java.util.Random;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A bidirectional layer's last-step output, on padded reviews, is what two one-directional layers
 * give on each review's real tokens alone: the forward one on them in order, the backward one (with
 * the backward parameters) on them reversed. So the backward direction starts at each review's last
 * real token, whichever side the padding is on.
 */
class BidirectionalTest {
  @ParameterizedTest(name = "{0}, pre-padding {1}, {2}")
  @CsvSource({"LSTM, true, FLOAT", "LSTM, false, DOUBLE", "GRU, true, DOUBLE", "GRU, false, FLOAT"})
  void eachDirectionSeesOnlyTheRealTokens(GatedCell cell, boolean prePadding, DataType type) {
    int n = 9;
    int rows = 5;
    int steps = 12;
    MultiLayerNetwork both = network(layer(cell, n, true), 2 * n, type, true, new NoOp());
    MultiLayerNetwork one = network(layer(cell, n, false), n, type, true, new NoOp());
    Random random = new Random(41);
    both.setParams(Nd4j.randn(random.nextLong(), both.params().shape()).castTo(type).muli(0.4));
    INDArray x = Nd4j.randn(random.nextLong(), new long[] {rows, N_IN, steps}).castTo(type);
    INDArray mask =
        prePadding
            ? RecurrentNets.prePaddingMask(rows, steps, random)
            : RecurrentNets.postPaddingMask(rows, steps, random);
    both.setLayerMaskArrays(mask.castTo(type), null);
    INDArray actual = both.feedForward(x, false).get(1);
    double tolerance = type == DataType.DOUBLE ? 1e-9 : 1e-4;
    for (int r = 0; r < rows; r++) {
      int first = -1;
      int last = -1;
      for (int t = 0; t < steps; t++) {
        if (mask.getDouble(r, t) != 0) {
          last = t;
          first = first < 0 ? t : first;
        }
      }
      INDArray tokens = x.get(interval(r, r + 1), all(), interval(first, last + 1)).dup();
      INDArray reversed = tokens.dup();
      for (int t = 0; t <= last - first; t++) {
        reversed
            .get(all(), all(), interval(t, t + 1))
            .assign(tokens.get(all(), all(), interval(last - first - t, last - first - t + 1)));
      }
      INDArray expectedForward = lastStep(one, both, "", tokens);
      INDArray expectedBackward = lastStep(one, both, "b", reversed);
      assertClose(
          actual.get(interval(r, r + 1), interval(0, n)),
          expectedForward,
          tolerance,
          "forward " + r);
      assertClose(
          actual.get(interval(r, r + 1), interval(n, 2 * n)),
          expectedBackward,
          tolerance,
          "backward " + r);
    }
  }

  /**
   * The one-directional layer's last-step output with one direction's parameters of {@code both}.
   */
  private static INDArray lastStep(
      MultiLayerNetwork one, MultiLayerNetwork both, String prefix, INDArray sequence) {
    for (String key : one.getLayer(0).paramTable().keySet()) {
      one.setParam("0_" + key, both.getParam("0_" + prefix + key));
    }
    one.clearLayerMaskArrays();
    return one.feedForward(sequence, false).get(1);
  }

  private static Layer layer(GatedCell cell, int n, boolean bidirectional) {
    return cell == GatedCell.LSTM
        ? FusedLstm.of(FusedLstmTest.stock(n), true, bidirectional)
        : FusedGruTest.gru(n, true, bidirectional);
  }
}
