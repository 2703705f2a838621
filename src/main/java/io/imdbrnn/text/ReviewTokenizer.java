package io.imdbrnn.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one tokenizer of the project, used by prepare and by everything that scores raw text later.
 *
 * <ol>
 *   <li>HTML tags ({@code <br />} and any other {@code <...>}) become spaces;
 *   <li>the text is lower-cased with {@link Locale#ROOT} (never the machine's locale: in a Turkish
 *       locale "I" would lower-case to a dotless i and ids would change between machines);
 *   <li>a word is a run of letters, combining marks or digits, and may hold inner apostrophes, so
 *       {@code don't} and {@code director's} stay one word; the typographic apostrophe (U+2019)
 *       counts as {@code '}. Everything else separates words.
 * </ol>
 *
 * <p>Changing any rule changes which ids a trained model sees: bump {@link #VERSION} when you do.
 */
public final class ReviewTokenizer {
  /** Recorded with the vocabulary, so a model is never fed ids from a different tokenizer. */
  public static final String VERSION = "imdb-rnn-tokenizer-1";

  private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:'[\\p{L}\\p{M}\\p{N}]+)*");

  private ReviewTokenizer() {}

  /** Whether {@code token} is a word this tokenizer can produce: a whole word, lower case. */
  public static boolean isWord(String token) {
    return WORD.matcher(token).matches() && token.equals(token.toLowerCase(Locale.ROOT));
  }

  public static List<String> tokenize(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    String cleaned =
        HTML_TAG.matcher(text).replaceAll(" ").replace('\u2019', '\'').toLowerCase(Locale.ROOT);
    Matcher m = WORD.matcher(cleaned);
    while (m.find()) {
      words.add(m.group());
    }
    return words;
  }
}
