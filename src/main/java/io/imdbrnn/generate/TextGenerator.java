package io.imdbrnn.generate;

import io.imdbrnn.text.CharTokenizer;
import io.imdbrnn.text.CharWindows;
import io.imdbrnn.text.Vocabulary;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Continues a text with a next-char network. The seed text (after the start id, as a review begins)
 * goes through the network once; then each sampled character is fed back with {@code rnnTimeStep},
 * which keeps the recurrent state between calls, so a character costs one step rather than a rerun
 * of the prefix. Not thread-safe: the network holds the state.
 */
public final class TextGenerator {
  private final MultiLayerNetwork network;
  private final Vocabulary vocabulary;

  public TextGenerator(MultiLayerNetwork network, Vocabulary vocabulary) {
    this.network = network;
    this.vocabulary = vocabulary;
  }

  /** The normalised seed text followed by {@code length} sampled characters. */
  public String generate(String seedText, int length, double temperature, int topK, long seed) {
    CharSampler sampler = new CharSampler(temperature, topK, seed);
    StringBuilder text = new StringBuilder(CharTokenizer.normalize(seedText));
    network.rnnClearPreviousState();
    try {
      float[] next = step(CharWindows.encode(seedText, vocabulary));
      for (int i = 0; i < length; i++) {
        int id = sampler.next(next);
        text.append(vocabulary.words().get(id - Vocabulary.FIRST_WORD_ID));
        if (i + 1 < length) {
          next = step(new int[] {id});
        }
      }
    } finally {
      network.rnnClearPreviousState();
    }
    return text.toString();
  }

  /** Feeds ids after the state so far; the distribution of the id after the last of them. */
  private float[] step(int[] ids) {
    float[] features = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      features[i] = ids[i];
    }
    INDArray out = network.rnnTimeStep(Nd4j.create(features, new long[] {1, 1, ids.length}, 'c'));
    // [1, steps, vocab]: the fused layers' [batch, step, unit] order.
    return out.get(NDArrayIndex.point(0), NDArrayIndex.point(ids.length - 1), NDArrayIndex.all())
        .toFloatVector();
  }
}
