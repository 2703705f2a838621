package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdbrnn.config.Cell;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code train.word-vectors-trainable=false}: the embedding keeps its start through fitting, a
 * learning-rate change and the configuration round trip that dl4j-spark's workers and checkpoints
 * go through, while the rest of the network trains.
 */
class FrozenEmbeddingTest {
  private static final int VOCAB = 30;
  private static final int STEPS = 6;

  private static MultiLayerNetwork network() {
    return NetworkFactory.create(new NetworkSpec(Cell.GRU, VOCAB, STEPS, 4, 5, 0.05, 7L, false));
  }

  private static DataSet batch(long seed) {
    Random r = new Random(seed);
    float[][] ids = new float[16][STEPS];
    float[][] labels = new float[16][1];
    for (int i = 0; i < ids.length; i++) {
      for (int t = 0; t < STEPS; t++) {
        ids[i][t] = 3 + r.nextInt(VOCAB - 3);
      }
      labels[i][0] = ids[i][STEPS - 1] > VOCAB / 2 ? 1 : 0;
    }
    return new DataSet(Nd4j.createFromArray(ids), Nd4j.createFromArray(labels));
  }

  /** Fits a few batches with a learning-rate change between them, as the epoch loop does. */
  private static void fit(MultiLayerNetwork net) {
    for (int i = 0; i < 4; i++) {
      net.setLearningRate(0.05 * Math.pow(0.85, i));
      net.fit(batch(i));
    }
  }

  @Test
  void aFrozenEmbeddingKeepsItsStartWhileTheRestTrains() throws Exception {
    MultiLayerNetwork frozen = network();
    NetworkStart.freezeEmbedding(frozen);
    INDArray embedding = frozen.getLayer(0).getParam("W").dup();
    INDArray recurrent = frozen.getLayer(1).params().dup();
    fit(frozen);
    assertThat(frozen.getLayer(0).getParam("W")).isEqualTo(embedding);
    assertThat(frozen.getLayer(1).params()).isNotEqualTo(recurrent);

    // What dl4j-spark's workers are built from: the configuration as JSON.
    MultiLayerNetwork worker =
        new MultiLayerNetwork(
            MultiLayerConfiguration.fromJson(frozen.getLayerWiseConfigurations().toJson()));
    worker.init(frozen.params().dup(), false);
    fit(worker);
    assertThat(worker.getLayer(0).getParam("W")).isEqualTo(embedding);

    // And what a checkpoint resumes: the saved model with its updater.
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    ModelSerializer.writeModel(frozen, saved, true);
    MultiLayerNetwork resumed =
        ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()));
    fit(resumed);
    assertThat(resumed.getLayer(0).getParam("W")).isEqualTo(embedding);
  }

  @Test
  void aTrainableEmbeddingMovesUnderTheSameFit() {
    MultiLayerNetwork trainable = network();
    INDArray embedding = trainable.getLayer(0).getParam("W").dup();
    fit(trainable);
    assertThat(trainable.getLayer(0).getParam("W")).isNotEqualTo(embedding);
  }

  @Test
  void freezingANetworkThatHasStartedTrainingIsRefused() {
    MultiLayerNetwork started = network();
    started.fit(batch(1));
    assertThatThrownBy(() -> NetworkStart.freezeEmbedding(started))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before training starts");
  }
}
