package io.imdbrnn.train;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.embeddings.WordVectors;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layers a classifier starts from with {@code train.init-from}: a bundle's embedding, mapped
 * word by word onto this vocabulary, and its recurrent layers, copied parameter by parameter into
 * the same layers of the new network. The bundle is loaded and checked (as every bundle is) when
 * this is read; every shape that does not fit is refused with the layer and the setting named,
 * before the first epoch.
 */
final class PretrainedLayers {
  private static final Logger LOG = LoggerFactory.getLogger(PretrainedLayers.class);

  /** Every recurrent layer, stock or fused, has recurrent weights under this key. */
  private static final String RECURRENT_WEIGHTS = "RW";

  private final String location;
  private final ModelBundle bundle;
  private final WordVectors embedding;

  private PretrainedLayers(String location, ModelBundle bundle, WordVectors embedding) {
    this.location = location;
    this.bundle = bundle;
    this.embedding = embedding;
  }

  static PretrainedLayers read(Configuration conf, TrainSettings settings, Vocabulary vocabulary) {
    String location = settings.initFrom();
    ModelBundle bundle;
    try {
      bundle = ModelBundle.load(conf, location);
    } catch (BadInputException e) {
      throw refused(location, e.getMessage(), e);
    }
    String tokenizer = bundle.prepared().tokenizer();
    if (!ReviewTokenizer.VERSION.equals(tokenizer)) {
      throw refused(
          location,
          String.format(
              "its ids were made by tokenizer %s, not the word tokenizer %s (a next-char model"
                  + " embeds characters, not words)",
              tokenizer, ReviewTokenizer.VERSION),
          null);
    }
    INDArray weights = bundle.network().getLayer(0).getParam("W");
    if (weights.columns() != settings.embeddingSize()) {
      throw refused(
          location,
          String.format(
              "its layer 0 (the embedding) is %d wide, and %s is %d",
              weights.columns(), "train.embedding-size", settings.embeddingSize()),
          null);
    }
    String digest = DataDigest.of(conf, location);
    return new PretrainedLayers(
        location, bundle, embeddingByWord(bundle, weights, vocabulary, location, digest));
  }

  /**
   * The bundle's embedding rows of this vocabulary's words (and of the reserved ids, which mean the
   * same in every vocabulary), as word vectors by this vocabulary's ids.
   */
  private static WordVectors embeddingByWord(
      ModelBundle bundle, INDArray weights, Vocabulary vocabulary, String location, String digest) {
    Vocabulary theirs = bundle.vocabulary();
    Map<Integer, float[]> byId = new HashMap<>();
    for (int id = 0; id < Vocabulary.FIRST_WORD_ID; id++) {
      byId.put(id, weights.getRow(id).toFloatVector());
    }
    List<String> words = vocabulary.words();
    int found = 0;
    for (int i = 0; i < words.size(); i++) {
      int theirId = theirs.id(words.get(i));
      if (theirId >= Vocabulary.FIRST_WORD_ID) {
        byId.put(Vocabulary.FIRST_WORD_ID + i, weights.getRow(theirId).toFloatVector());
        found++;
      }
    }
    if (found == 0) {
      throw refused(location, "none of this vocabulary's words is in its vocabulary", null);
    }
    return new WordVectors(
        location + " (model " + bundle.manifest().modelId() + ")",
        digest,
        (int) weights.columns(),
        byId,
        words.size(),
        theirs.size() - Vocabulary.FIRST_WORD_ID);
  }

  WordVectors embedding() {
    return embedding;
  }

  /**
   * Copies each recurrent layer the bundle has into the same layer of {@code net}, while both have
   * one there: same layer type, and every parameter of the bundle's layer with the same shape here
   * (a bidirectional layer here keeps its backward direction's random start when the bundle's layer
   * reads one direction).
   */
  void copyRecurrentInto(MultiLayerNetwork net) {
    MultiLayerNetwork source = bundle.network();
    int copied = 0;
    for (int i = 1; recurrent(source, i) && recurrent(net, i); i++) {
      String theirType = source.getLayer(i).conf().getLayer().getClass().getSimpleName();
      String ourType = net.getLayer(i).conf().getLayer().getClass().getSimpleName();
      if (!theirType.equals(ourType)) {
        throw refused(
            location,
            String.format(
                "its layer %d is a %s, this network's a %s (train.cell, train.bidirectional)",
                i, theirType, ourType),
            null);
      }
      for (Map.Entry<String, INDArray> p : source.getLayer(i).paramTable().entrySet()) {
        INDArray ours = net.getLayer(i).getParam(p.getKey());
        if (ours == null || !Arrays.equals(ours.shape(), p.getValue().shape())) {
          throw refused(
              location,
              String.format(
                  "parameter %s of its layer %d (recurrent) is %s, this network's is %s"
                      + " (train.hidden-size, train.embedding-size, train.cell,"
                      + " train.bidirectional)",
                  p.getKey(),
                  i,
                  Arrays.toString(p.getValue().shape()),
                  ours == null ? "absent" : Arrays.toString(ours.shape())),
              null);
        }
        ours.assign(p.getValue().castTo(ours.dataType()));
      }
      copied++;
    }
    if (copied == 0 && recurrent(net, 1)) {
      throw refused(location, "it has no recurrent layer to start from", null);
    }
    LOG.info(
        "Started the embedding and {} recurrent layer{} from model {} ({}); the output layer starts"
            + " afresh",
        copied,
        copied == 1 ? "" : "s",
        bundle.manifest().modelId(),
        Redact.text(location));
  }

  /**
   * The layers of {@code net} this bundle starts: the embedding (0) and each recurrent layer that
   * both have, in order, as {@link #copyRecurrentInto} copies them.
   */
  List<Integer> startedLayers(MultiLayerNetwork net) {
    MultiLayerNetwork source = bundle.network();
    List<Integer> started = new ArrayList<>(List.of(0));
    for (int i = 1; recurrent(source, i) && recurrent(net, i); i++) {
      started.add(i);
    }
    return started;
  }

  private static boolean recurrent(MultiLayerNetwork net, int layer) {
    return layer < net.getnLayers()
        && net.getLayer(layer).paramTable().containsKey(RECURRENT_WEIGHTS);
  }

  /** The pretrained bundle's digest and model id, for the new bundle's provenance. */
  Map<String, String> sources() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(TrainSettings.INIT_FROM, embedding.digest());
    out.put(TrainSettings.INIT_FROM + ".model-id", bundle.manifest().modelId());
    return out;
  }

  private static BadInputException refused(String location, String why, Throwable cause) {
    String message =
        String.format(
            "Cannot start from model bundle %s (%s): %s. Nothing was written.",
            location, TrainSettings.INIT_FROM, why);
    return cause == null ? new BadInputException(message) : new BadInputException(message, cause);
  }
}
