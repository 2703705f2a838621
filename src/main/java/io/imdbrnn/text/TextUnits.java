package io.imdbrnn.text;

import java.util.List;

/**
 * What a language model's ids stand for, and so how a text becomes them and they become text again:
 * characters (written one after another) or words (written with a space between).
 */
public enum TextUnits {
  /** Code points of the normalised text ({@link CharTokenizer}), as next-char data has them. */
  CHARACTERS(""),
  /**
   * Words as the classifier's tokenizer finds them ({@link ReviewTokenizer}), as next-word data.
   */
  WORDS(" ");

  private final String separator;

  TextUnits(String separator) {
    this.separator = separator;
  }

  /** The units of a text, as its prepared data would hold them. */
  public List<String> symbols(String text) {
    return this == CHARACTERS ? CharTokenizer.symbols(text) : ReviewTokenizer.tokenize(text);
  }

  /** Units written as text: characters side by side, words with a space between. */
  public String join(List<String> symbols) {
    return String.join(separator, symbols);
  }

  /** What goes between two units written one after the other. */
  public String separator() {
    return separator;
  }

  /** The name of one unit, for messages: {@code character} or {@code word}. */
  public String unit() {
    return this == CHARACTERS ? "character" : "word";
  }
}
