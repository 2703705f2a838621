package io.imdbrnn.text;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The characters a character-level model reads: HTML tags removed as {@link ReviewTokenizer} does
 * (they become spaces), the text NFC-normalised (so "é" is one code point however it was typed),
 * every run of whitespace made one space (the reviews' line breaks are {@code <br />} tags; keeping
 * one whitespace character also keeps tabs and newlines out of {@code vocabulary.tsv}), and the
 * ends trimmed. Case and punctuation are kept: they are what a language model learns.
 *
 * <p>Changing any rule changes which ids a trained model sees: bump {@link #VERSION} when you do.
 */
public final class CharTokenizer {
  /** Recorded with the vocabulary, so a model is never fed ids from a different rule. */
  public static final String VERSION = "imdb-rnn-chars-1";

  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

  private CharTokenizer() {}

  /** The normalised text; empty for null. */
  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String plain = HTML_TAG.matcher(text).replaceAll(" ");
    String composed = Normalizer.normalize(plain, Normalizer.Form.NFC);
    return SPACES.matcher(composed).replaceAll(" ").strip();
  }

  /** The code points of the normalised text. */
  public static int[] codePoints(String text) {
    return normalize(text).codePoints().toArray();
  }

  /** The normalised text's characters, one code point per string, as the vocabulary lists them. */
  public static java.util.List<String> symbols(String text) {
    return java.util.Arrays.stream(codePoints(text)).mapToObj(CharTokenizer::symbol).toList();
  }

  /** One code point as the string the vocabulary lists it under. */
  public static String symbol(int codePoint) {
    return new String(Character.toChars(codePoint));
  }
}
