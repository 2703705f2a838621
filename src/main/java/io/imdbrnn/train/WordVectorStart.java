package io.imdbrnn.train;

import io.imdbrnn.config.Redact;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.embeddings.WordVectors;
import io.imdbrnn.embeddings.WordVectorsFile;
import io.imdbrnn.text.Vocabulary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a new network's embedding from pretrained word vectors ({@code train.word-vectors}): the
 * row of every vocabulary word found in the file is set to its vector, the other rows (and the
 * reserved ids) keep their random initialisation. The file is read when this is made, before any
 * training work, so a bad file fails in seconds.
 */
public final class WordVectorStart implements Consumer<MultiLayerNetwork> {
  private static final Logger LOG = LoggerFactory.getLogger(WordVectorStart.class);

  /** The embedding is the network's first layer; its weights are {@code [vocabulary, width]}. */
  private static final String WEIGHTS = "W";

  private final WordVectors vectors;

  private WordVectorStart(WordVectors vectors) {
    this.vectors = vectors;
  }

  /** A start from {@code vectors}, or none (a no-op) when there are none. */
  public static Consumer<MultiLayerNetwork> of(Optional<WordVectors> vectors) {
    return vectors.<Consumer<MultiLayerNetwork>>map(WordVectorStart::new).orElse(net -> {});
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
  }

  /** The files that started the network, each with its digest, for the bundle's provenance. */
  public static Map<String, String> sources(Optional<WordVectors> vectors) {
    return vectors.map(v -> Map.of(TrainSettings.WORD_VECTORS, v.digest())).orElse(Map.of());
  }
}
