package io.imdbrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NetworkFactoryTest {
  private static final NetworkSpec REFERENCE =
      new NetworkSpec(Cell.SIMPLE_RNN, 10_000, 500, 32, 32, 1e-3, 42, false);

  @Test
  void referenceModelHas322113Parameters() {
    MultiLayerNetwork net = NetworkFactory.create(REFERENCE);
    assertThat(net.numParams()).isEqualTo(322_113L);
    assertThat(REFERENCE.parameterCount()).isEqualTo(322_113L);
    assertThat(net.summary()).contains("322,113").doesNotContain("Total Parameters:  10,113");
  }

  @ParameterizedTest(name = "{0}, {1} layers, bidirectional {2}, pooling {3}")
  @CsvSource({
    "LSTM, 1, false, LAST",
    "LSTM, 2, true, LAST",
    "LSTM_STOCK, 2, false, LAST",
    "GRU, 1, true, LAST",
    "GRU, 3, false, LAST",
    "SIMPLE_RNN, 2, false, LAST",
    "SIMPLE_RNN_STOCK, 2, false, LAST",
    "GRU, 1, true, MAX",
    "LSTM, 2, false, MEAN",
    "SIMPLE_RNN, 1, false, MAX",
    "GRU, 2, true, MAX_MEAN"
  })
  void everyCellStacksAndLearnsWithItsParameterCount(
      Cell cell, int layers, boolean bi, Pooling pooling) {
    NetworkSpec spec =
        new NetworkSpec(cell, 50, 12, 4, 6, 1e-2, 3, true, layers, bi, 0.1, pooling, Head.BINARY);
    // create() checks DL4J's own count against the spec's formula.
    MultiLayerNetwork net = NetworkFactory.create(spec);
    assertThat(net.getnLayers()).isEqualTo(layers + (pooling == Pooling.LAST ? 2 : 3));
    for (int i = 1; i <= layers; i++) {
      INDArray rw = net.getParam(i + "_RW");
      INDArray block = rw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 6));
      assertThat(
              block
                  .transpose()
                  .mmul(block)
                  .equalsWithEps(Nd4j.eye(6).castTo(block.dataType()), 1e-5))
          .as("layer %d's first recurrent block is orthogonal", i)
          .isTrue();
    }
    INDArray features =
        Nd4j.createFromArray(
            new float[][] {
              {0, 0, 1, 5, 9, 3, 4, 7, 8, 2, 2, 49}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
            });
    DataSet data = new DataSet(features, Nd4j.createFromArray(new float[][] {{1}, {0}}));
    double before = net.score(data);
    for (int i = 0; i < 40; i++) {
      net.fit(data);
    }
    assertThat(net.output(features).shape()).containsExactly(2, 1);
    assertThat(net.score(data)).isLessThan(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"MAX", "MEAN", "MAX_MEAN", "LAST"})
  void pooledPredictionsDoNotDependOnTheAmountOfPadding(Pooling pooling) {
    MultiLayerNetwork net =
        NetworkFactory.create(
            new NetworkSpec(
                Cell.GRU, 50, 12, 4, 6, 1e-2, 3, true, 1, true, 0, pooling, Head.BINARY));
    float[] review = {0, 0, 0, 0, 0, 0, 0, 0, 4, 9, 17, 3};
    float[] longer = {0, 0, 5, 8, 1, 33, 2, 7, 7, 21, 40, 11};
    INDArray alone = PaddedBatch.probabilities(net, new float[][] {review}, true);
    INDArray withLonger = PaddedBatch.probabilities(net, new float[][] {review, longer}, true);
    assertThat(withLonger.getDouble(0, 0)).isCloseTo(alone.getDouble(0, 0), within(1e-6));
  }

  @ParameterizedTest(name = "width {0}, {1} layers, pooling {2}")
  @CsvSource({"3, 1, MAX", "4, 2, MEAN", "1, 1, MAX_MEAN", "5, 1, MAX"})
  void convolutionsLearnWithTheirParameterCountAndIgnorePadding(
      int width, int layers, Pooling pooling) {
    NetworkSpec spec =
        new NetworkSpec(
            Cell.CNN,
            50,
            12,
            4,
            6,
            1e-2,
            3,
            true,
            layers,
            false,
            0.1,
            pooling,
            Head.CLASSES,
            3,
            width);
    // create() checks DL4J's own count against the spec's formula, which reads the width.
    MultiLayerNetwork net = NetworkFactory.create(spec);
    // Embedding, the convolutions with a mask between each two, pooling, output.
    assertThat(net.getnLayers()).isEqualTo(2 * layers + 2);
    // DL4J keeps a 1-D convolution's weights as a 2-D one's, one row high.
    assertThat(net.getParam("1_W").shape()).containsExactly(6, 4, width, 1);
    float[] text = {0, 0, 0, 0, 0, 0, 0, 0, 4, 9, 17, 3};
    float[] longer = {0, 0, 5, 8, 1, 33, 2, 7, 7, 21, 40, 11};
    INDArray alone = PaddedBatch.probabilities(net, new float[][] {text}, true);
    INDArray withLonger = PaddedBatch.probabilities(net, new float[][] {text, longer}, true);
    for (int c = 0; c < 3; c++) {
      assertThat(withLonger.getDouble(0, c))
          .as("class %d: a text scores the same whatever padding its batch needs", c)
          .isCloseTo(alone.getDouble(0, c), within(1e-6));
    }
    INDArray features = Nd4j.createFromArray(new float[][] {text, longer});
    DataSet data = new DataSet(features, Nd4j.createFromArray(new float[][] {{2}, {0}}));
    double before = net.score(data);
    for (int i = 0; i < 40; i++) {
      net.fit(data);
    }
    assertThat(net.output(features).shape()).containsExactly(2, 3);
    assertThat(net.score(data)).isLessThan(before);
  }

  @Test
  void aConvolutionNeedsPooling() {
    assertThatThrownBy(
            () ->
                new NetworkSpec(
                    Cell.CNN, 50, 12, 4, 6, 1e-2, 3, true, 1, false, 0, Pooling.LAST, Head.BINARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max or mean");
  }

  @Test
  void outputIsOneProbabilityPerSequence() {
    NetworkSpec small = new NetworkSpec(Cell.SIMPLE_RNN, 50, 12, 4, 6, 1e-2, 3, false);
    MultiLayerNetwork net = NetworkFactory.create(small);
    INDArray features =
        Nd4j.createFromArray(
            new float[][] {
              {0, 0, 1, 5, 9, 3, 4, 7, 8, 2, 2, 49}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
            });
    INDArray out = net.output(features);
    assertThat(out.shape()).containsExactly(2, 1);
    assertThat(out.getDouble(0, 0)).isBetween(0.0, 1.0);
    double before =
        net.score(new DataSet(features, Nd4j.createFromArray(new float[][] {{1}, {0}})));
    for (int i = 0; i < 30; i++) {
      net.fit(new DataSet(features, Nd4j.createFromArray(new float[][] {{1}, {0}})));
    }
    assertThat(net.score()).isLessThan(before);
  }

  @Test
  void recurrentWeightsAreOrthogonalAndSeeded() {
    MultiLayerNetwork a =
        NetworkFactory.create(new NetworkSpec(Cell.SIMPLE_RNN, 30, 5, 4, 8, 1e-3, 7, false));
    MultiLayerNetwork b =
        NetworkFactory.create(new NetworkSpec(Cell.SIMPLE_RNN, 30, 5, 4, 8, 1e-3, 7, false));
    INDArray rw = a.getParam("1_RW");
    INDArray gram = rw.transpose().mmul(rw);
    assertThat(gram.equalsWithEps(Nd4j.eye(8).castTo(gram.dataType()), 1e-5)).isTrue();
    assertThat(a.params()).isEqualTo(b.params());
    MultiLayerNetwork lstm =
        NetworkFactory.create(new NetworkSpec(Cell.LSTM, 30, 5, 4, 8, 1e-3, 7, false));
    INDArray forget = lstm.getParam("1_RW").get(NDArrayIndex.all(), NDArrayIndex.interval(8, 16));
    assertThat(
            forget.transpose().mmul(forget).equalsWithEps(Nd4j.eye(8).castTo(DataType.FLOAT), 1e-5))
        .isTrue();
  }

  @Test
  void mismatchedVocabularyIsRefused() {
    MultiLayerNetwork net =
        NetworkFactory.create(new NetworkSpec(Cell.SIMPLE_RNN, 100, 5, 4, 4, 1e-3, 1, false));
    assertThatThrownBy(
            () ->
                NetworkFactory.checkShape(
                    net, new NetworkSpec(Cell.SIMPLE_RNN, 120, 5, 4, 4, 1e-3, 1, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The network's embedding takes 100 ids but the vocabulary has 120.");
  }
}
