package io.imdbrnn.train;

import io.imdbrnn.config.Redact;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.embeddings.WordVectors;
import io.imdbrnn.embeddings.WordVectorsFile;
import io.imdbrnn.model.FrozenParameters;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.text.Vocabulary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * What a new network starts from besides its own random initialisation: a wider random embedding
 * ({@code train.embedding-init-range}), pretrained word vectors ({@code train.word-vectors}) or a
 * pretrained bundle's embedding and recurrent layers ({@code train.init-from}). The row of every
 * vocabulary word found starts from its vector, the other rows keep their random start. Not
 * trainable ({@code train.word-vectors-trainable=false}), the embedding's updates are zero: its
 * rows stay as they started through every epoch, in every worker. The sources are read when this is
 * made, before any training work, so a bad file fails in seconds.
 */
public final class NetworkStart implements Consumer<MultiLayerNetwork> {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkStart.class);

  /** The embedding is the network's first layer; its weights are {@code [vocabulary, width]}. */
  private static final String WEIGHTS = "W";

  private final WordVectors vectors;
  private final PretrainedLayers layers;
  private final boolean trainable;
  private final double initRange;

  private NetworkStart(
      WordVectors vectors, PretrainedLayers layers, boolean trainable, double initRange) {
    this.vectors = vectors;
    this.layers = layers;
    this.trainable = trainable;
    this.initRange = initRange;
  }

  /** The start {@code settings} name, its sources read and checked now. */
  public static NetworkStart read(
      Configuration conf, TrainSettings settings, Vocabulary vocabulary) {
    PretrainedLayers layers =
        settings.initFrom().isEmpty() ? null : PretrainedLayers.read(conf, settings, vocabulary);
    WordVectors vectors =
        layers != null ? layers.embedding() : wordVectors(conf, settings, vocabulary);
    if (vectors != null) {
      LOG.info("Embedding start: {}", Redact.text(vectors.summary()));
    }
    return new NetworkStart(
        vectors, layers, settings.wordVectorsTrainable(), settings.embeddingInitRange());
  }

  private static WordVectors wordVectors(
      Configuration conf, TrainSettings settings, Vocabulary vocabulary) {
    if (settings.wordVectors().isEmpty()) {
      return null;
    }
    List<String> words = vocabulary.words();
    Map<String, Integer> ids = new HashMap<>(words.size() * 2);
    for (int i = 0; i < words.size(); i++) {
      ids.put(words.get(i), Vocabulary.FIRST_WORD_ID + i);
    }
    return WordVectorsFile.read(
        conf, settings.wordVectors(), ids, settings.embeddingSize(), TrainSettings.WORD_VECTORS);
  }

  /**
   * The layers of {@code net} that start from pretrained values, which {@code train.freeze-epochs}
   * holds still: the embedding for word vectors; the embedding and the recurrent layers a bundle
   * starts for init-from; none otherwise. The same for a resumed network, which is why it is read
   * from the sources, not from what a new network was given.
   */
  public List<Integer> pretrainedLayers(MultiLayerNetwork net) {
    if (layers != null) {
      return layers.startedLayers(net);
    }
    return vectors != null ? List.of(0) : List.of();
  }

  @Override
  public void accept(MultiLayerNetwork net) {
    if (initRange != NetworkFactory.EMBEDDING_INIT_RANGE) {
      // The network's own seed: an ensemble's members each draw their own start.
      redrawEmbedding(
          net.getLayer(0).getParam(WEIGHTS), net.getLayerWiseConfigurations().getConf(0).getSeed());
    }
    if (vectors != null) {
      INDArray weights = net.getLayer(0).getParam(WEIGHTS);
      if (weights.columns() != vectors.dimension()) {
        throw new IllegalStateException(
            "The embedding is " + weights.columns() + " wide, the vectors " + vectors.dimension());
      }
      vectors
          .byId()
          .forEach(
              (id, v) -> weights.putRow(id, Nd4j.createFromArray(v).castTo(weights.dataType())));
    }
    if (layers != null) {
      layers.copyRecurrentInto(net);
    }
    if (!trainable) {
      freezeEmbedding(net);
    }
  }

  /**
   * Draws every embedding number uniform in ±{@code train.embedding-init-range}, from {@code seed},
   * in place (the network's own start used the default range).
   */
  private void redrawEmbedding(INDArray weights, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] row = new float[(int) weights.columns()];
    for (long r = 0; r < weights.rows(); r++) {
      for (int c = 0; c < row.length; c++) {
        row[c] = (float) ((random.nextDouble() * 2 - 1) * initRange);
      }
      weights.putRow(r, Nd4j.createFromArray(row).castTo(weights.dataType()));
    }
    LOG.info("Embedding start: uniform in ±{} ({})", initRange, TrainSettings.EMBEDDING_INIT_RANGE);
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
    LOG.info("The embedding is frozen ({} = false)", TrainSettings.WORD_VECTORS_TRAINABLE);
  }

  /** The files that started the network, each with its digest, for the bundle's provenance. */
  public Map<String, String> sources() {
    Map<String, String> out = new LinkedHashMap<>();
    if (layers != null) {
      out.putAll(layers.sources());
    } else if (vectors != null) {
      out.put(TrainSettings.WORD_VECTORS, vectors.digest());
    }
    return out;
  }
}
