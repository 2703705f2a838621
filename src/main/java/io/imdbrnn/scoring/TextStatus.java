package io.imdbrnn.scoring;

import io.imdbrnn.text.ReviewTokenizer;
import java.nio.charset.StandardCharsets;

/**
 * Why a text is or is not scored: the one rule for every scoring path (local predict, dataset
 * predict, the Spark ML model and its SQL function).
 */
public final class TextStatus {
  public static final String OK = "ok";

  /** Null, empty or only whitespace. */
  public static final String EMPTY = "empty";

  /**
   * Not a single letter or digit (only emoji or punctuation): the tokenizer finds no word, so the
   * network would see nothing but padding and answer with its bias. That is not a prediction about
   * the text, so it gets no probability.
   */
  public static final String NO_WORDS = "no-words";

  /** Bytes that are not UTF-8 (only where the input is bytes: files and standard input). */
  public static final String INVALID_UTF8 = "invalid-utf8";

  /** Bytes that are not valid in another character set that the input was said to be in. */
  public static final String INVALID_ENCODING = "invalid-encoding";

  /**
   * A row its input format could not read (a JSON Lines line that is not a JSON object): there is
   * no text to score, and calling it empty would hide the fault.
   */
  public static final String MALFORMED = "malformed";

  /** Longer than the review limit in UTF-8 bytes. */
  public static final String TOO_LONG = "too-long";

  private TextStatus() {}

  /** The status of a decoded text under a limit of {@code maxBytes} UTF-8 bytes. */
  public static String of(String text, long maxBytes) {
    String before = beforeTokenizing(text, maxBytes);
    if (before != null) {
      return before;
    }
    return ofWords(ReviewTokenizer.tokenize(text));
  }

  /** {@code empty} or {@code too-long}, or null when the text must be tokenized to tell. */
  public static String beforeTokenizing(String text, long maxBytes) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    // A char is at most 3 UTF-8 bytes: most texts are decided without encoding them.
    if ((long) text.length() * 3 > maxBytes
        && text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      return TOO_LONG;
    }
    return null;
  }

  /** The status of a text that passed {@link #beforeTokenizing}, from its words. */
  public static String ofWords(java.util.List<String> words) {
    return words.isEmpty() ? NO_WORDS : OK;
  }
}
