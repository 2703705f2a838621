package io.imdbrnn.scoring;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.text.ReviewTokenizer;
import io.imdbrnn.text.SequenceEncoder;
import io.imdbrnn.text.Terms;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores raw review texts on this machine: {@link ReviewTokenizer} → {@link SequenceEncoder} with
 * the bundle's vocabulary and max-len → the network (the mean of an ensemble's members), in
 * minibatches. The same code path as prepare.
 */
public final class TextScorer {
  private final Ensemble network;
  private final Vocabulary vocabulary;
  private final int maxLen;
  private final int batchSize;
  private final boolean maskPadding;
  private final int ngrams;

  /**
   * @param ngrams the longest n-gram the model reads as a term (its prepared data's, {@link
   *     io.imdbrnn.bundle.PreparedManifest#ngramsOrDefault})
   */
  public TextScorer(
      Ensemble network,
      Vocabulary vocabulary,
      int maxLen,
      int ngrams,
      int batchSize,
      boolean maskPadding) {
    this.ngrams = ngrams;
    this.network = network;
    this.maskPadding = maskPadding;
    this.vocabulary = vocabulary;
    this.maxLen = maxLen;
    this.batchSize = batchSize;
  }

  /** A scorer of {@code bundle}'s network, with its vocabulary, max-len, n-grams and masking. */
  public static TextScorer of(ModelBundle bundle, int batchSize) {
    return new TextScorer(
        bundle.ensemble(),
        bundle.vocabulary(),
        bundle.prepared().maxLen(),
        bundle.prepared().ngramsOrDefault(),
        batchSize,
        bundle.maskPadding());
  }

  /**
   * Probabilities of a positive review, one per text, in order. Blank texts are not accepted here.
   */
  public double[] score(List<String> texts) {
    List<List<String>> words = new ArrayList<>(texts.size());
    texts.forEach(t -> words.add(ReviewTokenizer.tokenize(t)));
    return scoreWords(words);
  }

  /**
   * As {@link #score}, for texts the caller has already tokenized (to tokenize each only once); a
   * two-class model's positive probability.
   */
  public double[] scoreWords(List<List<String>> texts) {
    double[][] outputs = outputs(texts);
    double[] out = new double[texts.size()];
    for (int i = 0; i < out.length; i++) {
      if (outputs[i].length != 1) {
        throw new IllegalStateException(
            "a model of " + outputs[i].length + " classes has no single positive probability");
      }
      out[i] = outputs[i][0];
    }
    return out;
  }

  /**
   * The network's outputs for tokenized texts, one row per text: the positive probability for a
   * two-class model, the distribution over the classes (in class index order) for a K-class one.
   */
  public double[][] outputs(List<List<String>> texts) {
    double[][] out = new double[texts.size()][];
    for (int start = 0; start < texts.size(); start += batchSize) {
      int end = Math.min(texts.size(), start + batchSize);
      List<float[]> rows = new ArrayList<>(end - start);
      for (List<String> text : texts.subList(start, end)) {
        int[] ids = SequenceEncoder.encode(Terms.of(text, ngrams), vocabulary, maxLen);
        float[] row = new float[maxLen];
        for (int i = 0; i < maxLen; i++) {
          row[i] = ids[i];
        }
        rows.add(row);
      }
      INDArray probabilities = network.probabilities(rows.toArray(new float[0][]), maskPadding);
      for (int i = 0; i < end - start; i++) {
        out[start + i] = probabilities.getRow(i).toDoubleVector();
      }
    }
    return out;
  }
}
