package io.imdbrnn.predict;

import io.imdbrnn.scoring.ModelScoring;
import io.imdbrnn.scoring.TextStatus;

/**
 * One scored (or refused) review.
 *
 * @param status {@code ok}, or why the review was not scored (see {@link TextStatus})
 * @param probability of a positive review; NaN unless status is ok
 */
public record Prediction(String id, String status, double probability) {
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

  public Integer label() {
    return OK.equals(status) ? (probability >= ModelScoring.THRESHOLD ? 1 : 0) : null;
  }

  /** The probability rounded to 6 decimals as printed, or null when not scored. */
  public Double roundedProbability() {
    return OK.equals(status) ? Math.round(probability * 1e6) / 1e6 : null;
  }
}
