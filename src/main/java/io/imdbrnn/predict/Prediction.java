package io.imdbrnn.predict;

import io.imdbrnn.scoring.ClassOutputs;
import io.imdbrnn.scoring.TextStatus;

/**
 * One scored (or refused) review.
 *
 * @param status {@code ok}, or why the review was not scored (see {@link TextStatus})
 * @param classes the model's classes and how its outputs read
 * @param outputs the network's outputs for the text; null unless status is ok
 */
public record Prediction(String id, String status, ClassOutputs<?> classes, double[] outputs) {
  // The statuses are TextStatus's, the one rule of every scoring path.
  public static final String OK = TextStatus.OK;
  public static final String EMPTY = TextStatus.EMPTY;
  public static final String NO_WORDS = TextStatus.NO_WORDS;
  public static final String INVALID_UTF8 = TextStatus.INVALID_UTF8;
  public static final String TOO_LONG = TextStatus.TOO_LONG;

  private boolean scored() {
    return OK.equals(status) && outputs != null;
  }

  /**
   * The probability a prediction reports: of a positive review (two classes) or of the predicted
   * class (more); NaN when not scored.
   */
  public double probability() {
    return scored() ? classes.probability(outputs) : Double.NaN;
  }

  /**
   * The predicted label, null when not scored: 1 or 0 for a two-class model (as always), the class
   * as the training data named it for a K-class one.
   */
  public Object label() {
    return scored() ? classes.predictedLabel(classes.predictedIndex(outputs)) : null;
  }

  /**
   * The predicted class as the training data named it ({@code pos}, {@code spam}, {@code HUM}), for
   * every model; null when not scored.
   */
  public String className() {
    return scored() ? classes.labels().name(classes.predictedIndex(outputs)) : null;
  }

  /**
   * Each class's probability rounded as printed, by class name in class order; null when not scored
   * or when the model reports one probability only ({@link ClassOutputs#distributed()}).
   */
  public java.util.Map<String, Double> roundedProbabilities() {
    if (!scored() || !classes.distributed()) {
      return null;
    }
    double[] distribution = classes.distribution(outputs);
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < distribution.length; i++) {
      out.put(classes.labels().name(i), Math.round(distribution[i] * 1e6) / 1e6);
    }
    return out;
  }

  /** The probability rounded to 6 decimals as printed, or null when not scored. */
  public Double roundedProbability() {
    return scored() ? Math.round(probability() * 1e6) / 1e6 : null;
  }
}
