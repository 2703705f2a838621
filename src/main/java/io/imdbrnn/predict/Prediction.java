package io.imdbrnn.predict;

import io.imdbrnn.labels.LabelIndex;
import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.scoring.TextStatus;

/**
 * One scored (or refused) review.
 *
 * @param status {@code ok}, or why the review was not scored (see {@link TextStatus})
 * @param probability of a positive review (two classes) or of the predicted class (more); NaN
 *     unless status is ok
 * @param labels the model's classes, in index order
 * @param probabilities every class's probability, in {@code labels} order; null for two classes or
 *     when not scored
 */
public record Prediction(
    String id, String status, double probability, LabelIndex labels, double[] probabilities) {
  /** A two-class model's prediction: the probability of its second class (IMDB's positive). */
  public static Prediction binary(String id, String status, double probability, LabelIndex labels) {
    return new Prediction(id, status, probability, labels, null);
  }

  /** A K-class model's prediction from its distribution (null when not scored). */
  public static Prediction classes(
      String id, String status, LabelIndex labels, double[] probabilities) {
    return new Prediction(
        id,
        status,
        probabilities == null ? Double.NaN : probabilities[argmax(probabilities)],
        labels,
        probabilities);
  }

  /** The index of the largest value, the first on ties. */
  public static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  public static final String OK = "ok";
  public static final String EMPTY = "empty";

  /**
   * Text without a single letter or digit (only emoji or punctuation): the tokenizer finds no word,
   * so the network would see nothing but padding and answer with its bias. That is not a prediction
   * about the text, so it gets no probability.
   */
  public static final String NO_WORDS = "no-words";

  public static final String INVALID_UTF8 = "invalid-utf8";
  public static final String TOO_LONG = "too-long";

  /**
   * The predicted label, null when not scored: 1 or 0 for a two-class model (as always), the class
   * as the training data named it for a K-class one.
   */
  public Object label() {
    if (!OK.equals(status)) {
      return null;
    }
    return labels.isBinary() ? (Integer) binaryIndex() : labels.name(argmax(probabilities));
  }

  private int binaryIndex() {
    return probability >= ModelScoring.THRESHOLD ? 1 : 0;
  }

  /**
   * The predicted class as the training data named it ({@code pos}, {@code spam}, {@code HUM}), for
   * every model; null when not scored.
   */
  public String className() {
    if (!OK.equals(status)) {
      return null;
    }
    return labels.name(labels.isBinary() ? binaryIndex() : argmax(probabilities));
  }

  /** Each class's probability rounded as printed, in class order; null for two classes. */
  public java.util.Map<String, Double> roundedProbabilities() {
    if (labels.isBinary() || probabilities == null) {
      return null;
    }
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < probabilities.length; i++) {
      out.put(labels.name(i), Math.round(probabilities[i] * 1e6) / 1e6);
    }
    return out;
  }

  /** The probability rounded to 6 decimals as printed, or null when not scored. */
  public Double roundedProbability() {
    return OK.equals(status) ? Math.round(probability * 1e6) / 1e6 : null;
  }
}
