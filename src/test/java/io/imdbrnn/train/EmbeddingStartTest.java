package io.imdbrnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.text.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code train.embedding-init-range}: the embedding's random start is uniform in ±the range, drawn
 * from the seed, and rows the word vectors give still start from them; the default leaves the
 * network's own start untouched.
 */
class EmbeddingStartTest {
  private static final Vocabulary WORDS = new Vocabulary(List.of("great", "film", "awful"));
  private static final int WIDTH = 4;

  @TempDir Path dir;

  private static MultiLayerNetwork network() {
    return network(7L);
  }

  private static MultiLayerNetwork network(long seed) {
    return NetworkFactory.create(
        new NetworkSpec(Cell.GRU, WORDS.size(), 5, WIDTH, 3, 0.01, seed, false));
  }

  private static TrainSettings settings(String... pairs) {
    SettingsBinder.Builder<TrainSettings> b =
        SettingsBinder.builder(TrainSettings.class)
            .set("input", "p")
            .set("output", "m")
            .set("embedding-size", WIDTH);
    for (int i = 0; i < pairs.length; i += 2) {
      b.set(pairs[i], pairs[i + 1]);
    }
    return b.build();
  }

  private static INDArray started(TrainSettings settings) {
    return started(settings, network());
  }

  private static INDArray started(TrainSettings settings, MultiLayerNetwork net) {
    NetworkStart.read(new Configuration(), settings, WORDS).accept(net);
    return net.getLayer(0).getParam("W").dup();
  }

  @Test
  void theDefaultIsTheNetworksOwnStart() {
    assertThat(
            SettingsSchema.entries("train").stream()
                .filter(e -> e.key().equals("embedding-init-range"))
                .findFirst()
                .orElseThrow()
                .setting()
                .value())
        .isEqualTo(Double.toString(NetworkFactory.EMBEDDING_INIT_RANGE));
    assertThat(started(settings())).isEqualTo(network().getLayer(0).getParam("W"));
  }

  @Test
  void aRangeOutsideItsBoundsIsRefusedByName() {
    for (String bad : List.of("0", "-0.1", "1.5", "NaN")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> settings("embedding-init-range", bad))
          .as(bad)
          .isInstanceOf(io.imdbrnn.errors.BadInputException.class)
          .hasMessageContaining(TrainSettings.EMBEDDING_INIT_RANGE);
    }
  }

  @Test
  void aWiderRangeRedrawsEveryRowFromTheNetworksSeed() {
    INDArray wide = started(settings("embedding-init-range", "0.25"));
    assertThat(wide.amaxNumber().doubleValue()).isGreaterThan(0.1).isLessThanOrEqualTo(0.25);
    assertThat(wide.amaxNumber().doubleValue()).isGreaterThan(NetworkFactory.EMBEDDING_INIT_RANGE);
    // Every row moved, the padding and unknown-word rows too.
    INDArray own = network().getLayer(0).getParam("W");
    for (int r = 0; r < own.rows(); r++) {
      assertThat(wide.getRow(r)).as("row %d", r).isNotEqualTo(own.getRow(r));
    }
    assertThat(started(settings("embedding-init-range", "0.25"))).isEqualTo(wide);
    // Drawn from the network's own seed, so each member of an ensemble starts apart.
    assertThat(started(settings("embedding-init-range", "0.25"), network(8L))).isNotEqualTo(wide);
  }

  @Test
  void wordVectorsStillGiveTheirRows() throws Exception {
    Path vectors =
        Files.writeString(dir.resolve("v.txt"), "film 0.5 -0.5 0.25 -0.25\nother 1 1 1 1\n");
    INDArray w =
        started(settings("embedding-init-range", "0.25", "word-vectors", vectors.toString()));
    int film = WORDS.id("film");
    assertThat(w.getRow(film).toDoubleVector()).containsExactly(0.5, -0.5, 0.25, -0.25);
    assertThat(w.getRow(WORDS.id("great")).amaxNumber().doubleValue()).isLessThanOrEqualTo(0.25);
  }
}
