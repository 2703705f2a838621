package io.imdbrnn.train;

import io.imdbrnn.config.Redact;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.embeddings.WordVectors;
import io.imdbrnn.embeddings.WordVectorsFile;
import io.imdbrnn.model.FrozenParameters;
import io.imdbrnn.text.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new network's embedding from pretrained word vectors ({@code train.word-vectors}): the
 * row of every vocabulary word found in the file is set to its vector, the other rows (and the
 * reserved ids) keep their random initialisation. Not trainable ({@code
 * train.word-vectors-trainable=false}), the embedding's updates are zero: its rows stay as they
 * started through every epoch, in every worker. The file is read when this is made, before any
 * training work, so a bad file fails in seconds.
 */
public final class WordVectorStart implements Consumer<MultiLayerNetwork> {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorStart.class);

  /** The embedding is the network's first layer; its weights are {@code [vocabulary, width]}. */
  private static final String WEIGHTS = "W";

  private final WordVectors vectors;
  private final boolean trainable;

  private WordVectorStart(WordVectors vectors, boolean trainable) {
    this.vectors = vectors;
    this.trainable = trainable;
  }

  /**
   * A start from {@code vectors}, trained on or frozen as {@code settings} say; none (a no-op) when
   * there are none.
   */
  public static Consumer<MultiLayerNetwork> of(
      Optional<WordVectors> vectors, TrainSettings settings) {
    return vectors
        .<Consumer<MultiLayerNetwork>>map(
            v -> new WordVectorStart(v, settings.wordVectorsTrainable()))
        .orElse(net -> {});
  }

  /** The vectors {@code settings} name, read now; empty when they name none. */
  public static Optional<WordVectors> read(
      Configuration conf, TrainSettings settings, Vocabulary vocabulary) {
    if (settings.wordVectors().isEmpty()) {
      return Optional.empty();
    }
    List<String> words = vocabulary.words();
    Map<String, Integer> ids = new HashMap<>(words.size() * 2);
    for (int i = 0; i < words.size(); i++) {
      ids.put(words.get(i), Vocabulary.FIRST_WORD_ID + i);
    }
    WordVectors vectors =
        WordVectorsFile.read(
            conf,
            settings.wordVectors(),
            ids,
            settings.embeddingSize(),
            TrainSettings.WORD_VECTORS);
    LOG.info("Word vectors: {}", Redact.text(vectors.summary()));
    return Optional.of(vectors);
  }

  @Override
  public void accept(MultiLayerNetwork net) {
    INDArray weights = net.getLayer(0).getParam(WEIGHTS);
    if (weights.columns() != vectors.dimension()) {
      throw new IllegalStateException(
          "The embedding is " + weights.columns() + " wide, the vectors " + vectors.dimension());
    }
    vectors
        .byId()
        .forEach((id, v) -> weights.putRow(id, Nd4j.createFromArray(v).castTo(weights.dataType())));
    if (!trainable) {
      freezeEmbedding(net);
    }
  }

  /**
   * Gives the embedding an updater that never moves it ({@link FrozenParameters}), in the
   * configuration that checkpoints, bundles and dl4j-spark's workers are built from. It must happen
   * before the network's updater exists (its state is laid out per updater), which is why it is
   * part of the start of a new network; a resumed network has it in its saved configuration. The
   * learning-rate schedule skips updaters without a rate, so later epochs cannot thaw it.
   */
  static void freezeEmbedding(MultiLayerNetwork net) {
    if (net.getUpdater(false) != null) {
      throw new IllegalStateException("The embedding must be frozen before training starts");
    }
    Layer embedding = net.getLayerWiseConfigurations().getConf(0).getLayer();
    if (!(embedding instanceof BaseLayer base) || net.getLayer(0).conf().getLayer() != embedding) {
      throw new IllegalStateException("Unexpected embedding layer " + embedding);
    }
    base.setIUpdater(new FrozenParameters());
    LOG.info(
        "Word vectors: the embedding is frozen ({} = false)", TrainSettings.WORD_VECTORS_TRAINABLE);
  }

  /** The files that started the network, each with its digest, for the bundle's provenance. */
  public static Map<String, String> sources(Optional<WordVectors> vectors) {
    return vectors.map(v -> Map.of(TrainSettings.WORD_VECTORS, v.digest())).orElse(Map.of());
  }
}
