package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.PaddedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** {@code train.class-weights=balanced}: the weights, the batches that carry them, their effect. */
class ClassWeightsTest {
  @Test
  void balancedWeightsAreNOverKTimesTheClassCountAndAverageOneOverTheTexts() {
    float[] w = ClassifierTraining.balanced(Map.of(0, 90L, 1, 10L), 3);
    assertThat(w[0]).isCloseTo(100f / (2 * 90), offset(1e-6f));
    assertThat(w[1]).isCloseTo(5f, offset(1e-6f));
    assertThat(w[2]).as("a class without fitting texts").isZero();
    assertThat((90 * w[0] + 10 * w[1]) / 100).isCloseTo(1f, offset(1e-6f));
  }

  @Test
  void eachTextCarriesItsClassWeightAsTheLabelsMask() {
    List<DataSetBatches.Example> examples = examples(7, 3, new Random(1));
    DataSet batch =
        new DataSetBatches(
                examples.iterator(),
                new DataSetBatches.Options(8, 6, true, 0, new float[] {0.5f, 2f, 4f}, 0),
                1)
            .next();
    INDArray mask = batch.getLabelsMaskArray();
    assertThat(mask.shape()).containsExactly(7, 1);
    for (int i = 0; i < 7; i++) {
      float expected = new float[] {0.5f, 2f, 4f}[(int) batch.getLabels().getFloat(i, 0)];
      assertThat(mask.getFloat(i, 0)).isEqualTo(expected);
    }
    DataSet unweighted =
        new DataSetBatches(examples.iterator(), new DataSetBatches.Options(8, 6, true, 0), 1)
            .next();
    assertThat(unweighted.getLabelsMaskArray()).isNull();
  }

  /**
   * On texts that are all the same, a network can only learn the class priors: 1 in 30 for the rare
   * class unweighted; balanced, every class counts alike, so each is given a third.
   */
  @Test
  void balancedWeightsLiftARareClassThatUnweightedTrainingIgnores() {
    double unweighted = rareClassProbability(null, 3);
    double balanced =
        rareClassProbability(
            ClassifierTraining.balanced(Map.of(0, 380L, 1, 200L, 2, 20L), 3), 3); // 600 texts
    assertThat(unweighted).isCloseTo(1 / 30.0, offset(0.02));
    assertThat(balanced).isCloseTo(1 / 3.0, offset(0.05));
  }

  /** The same through the sigmoid head of two classes, weighed by the labels mask. */
  @Test
  void balancedWeightsBalanceTwoClassesToo() {
    assertThat(rareClassProbability(null, 2)).isCloseTo(1 / 30.0, offset(0.02));
    assertThat(rareClassProbability(ClassifierTraining.balanced(Map.of(0, 580L, 1, 20L), 2), 2))
        .isCloseTo(0.5, offset(0.1)); // a rare text weighs 15 here: Adam's steps swing more
  }

  /** The mean probability of the last class, 1 text in 30, after training on identical texts. */
  private static double rareClassProbability(float[] weights, int classes) {
    List<DataSetBatches.Example> examples = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int label = i % 30 == 0 ? classes - 1 : i % 30 < 11 && classes > 2 ? 1 : 0;
      float[] same = {1, 2, 3, 0, 0, 0};
      examples.add(new DataSetBatches.Example(same, label, 3));
    }
    NetworkSpec spec =
        new NetworkSpec(
            Cell.GRU,
            12,
            6,
            4,
            4,
            0.05,
            3,
            true,
            1,
            false,
            0.0,
            Pooling.MEAN,
            classes == 2 ? Head.BINARY : Head.CLASSES,
            classes,
            NetworkSpec.UNUSED_CONV_WIDTH);
    MultiLayerNetwork net = NetworkFactory.create(spec);
    // As ClassifierTraining does: two classes weigh through the batches, more through the loss.
    float[] batchWeights = classes == 2 ? weights : null;
    if (weights != null && classes > 2) {
      ClassifierTraining.weighLoss(net, weights);
    }
    // A minibatch of one text, as dl4j-spark's re-batching makes at a partition's end, trains too.
    new DataSetBatches(
            examples.subList(0, 1).iterator(),
            new DataSetBatches.Options(50, 6, true, 0, batchWeights, 0),
            0)
        .forEachRemaining(net::fit);
    for (int epoch = 0; epoch < 20; epoch++) {
      new DataSetBatches(
              examples.iterator(),
              new DataSetBatches.Options(50, 6, true, 0, batchWeights, 0),
              epoch)
          .forEachRemaining(net::fit);
    }
    float[][] ids = examples.stream().map(DataSetBatches.Example::ids).toArray(float[][]::new);
    INDArray p = PaddedBatch.probabilities(net, ids, true);
    return p.getColumn(p.columns() - 1).meanNumber().doubleValue();
  }

  private static List<DataSetBatches.Example> examples(int n, int classes, Random random) {
    List<DataSetBatches.Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(example(i % classes, random));
    }
    return out;
  }

  /** Random words 1 to 11, of a random length: nothing in them tells the class. */
  private static DataSetBatches.Example example(int label, Random random) {
    float[] ids = new float[6];
    int length = 2 + random.nextInt(5);
    for (int t = 0; t < length; t++) {
      ids[t] = 1 + random.nextInt(11);
    }
    return new DataSetBatches.Example(ids, label, PaddedBatch.length(ids));
  }
}
