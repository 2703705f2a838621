package io.imdbrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.text.Vocabulary;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The textbook toy: a SimpleRNN reads "ABC" and must output "BCA" (each letter's successor in the
 * cycle A→B→C→A), from every rotation of the alphabet. Built by the job's network factory (fused
 * ReLU SimpleRnn, softmax at every step) and batched by the job's {@link NextTokenBatch}.
 */
class NextCharToyTest {
  private static final Vocabulary ABC = new Vocabulary(List.of("A", "B", "C"));

  /** Ids of {@code text} followed by its first letter: input {@code text}, target its rotation. */
  private static int[] window(String text) {
    String cycled = text + text.charAt(0);
    return cycled.chars().map(c -> ABC.id(String.valueOf((char) c))).toArray();
  }

  private static String decode(INDArray output, int row) {
    StringBuilder text = new StringBuilder();
    for (int t = 0; t < output.size(1); t++) {
      int id =
          output
              .get(
                  org.nd4j.linalg.indexing.NDArrayIndex.point(row),
                  org.nd4j.linalg.indexing.NDArrayIndex.point(t),
                  org.nd4j.linalg.indexing.NDArrayIndex.all())
              .argMax()
              .getInt(0);
      text.append(
          id >= Vocabulary.FIRST_WORD_ID ? ABC.words().get(id - Vocabulary.FIRST_WORD_ID) : "?");
    }
    return text.toString();
  }

  @Test
  void simpleRnnLearnsAbcToBcaInAFewHundredSteps() {
    NetworkSpec spec =
        new NetworkSpec(
            Cell.SIMPLE_RNN,
            ABC.size(),
            3,
            4,
            8,
            0.02,
            7,
            true,
            1,
            false,
            0,
            Pooling.LAST,
            Head.NEXT_TOKEN);
    MultiLayerNetwork net = NetworkFactory.create(spec);
    DataSet batch =
        NextTokenBatch.of(new int[][] {window("ABC"), window("BCA"), window("CAB")}, ABC.size());
    INDArray before = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
    assertThat(decode(before, 0) + decode(before, 1) + decode(before, 2)).isNotEqualTo("BCACABABC");

    double initialScore = net.score(batch);
    int steps = 0;
    String predicted = "";
    while (steps < 300 && !predicted.equals("BCA CAB ABC")) {
      net.fit(batch);
      steps++;
      INDArray out = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
      predicted = decode(out, 0) + " " + decode(out, 1) + " " + decode(out, 2);
    }
    assertThat(predicted).isEqualTo("BCA CAB ABC");
    assertThat(steps).isLessThan(300);
    System.out.println("ABC toy: zero error after " + steps + " steps");
    // And the loss fell with it: the network learned, it did not land on the argmax by chance.
    assertThat(net.score(batch)).isLessThan(initialScore * 0.6);
  }
}
