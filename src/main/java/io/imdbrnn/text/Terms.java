package io.imdbrnn.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Words to the terms a classifier reads ({@code prepare.ngrams}): each word, preceded by the
 * n-grams of up to {@code n} words that end at it, longest first, joined by a space (a word never
 * holds one), so a text still ends with its last word. A recurrent network then reads "not good" as
 * a term of its own, as a bag-of-n-grams model does, while still reading the words in order. With
 * {@code n = 1} the words themselves.
 */
public final class Terms {
  /** The largest n-gram length. */
  public static final int MAX_N = 3;

  private Terms() {}

  public static List<String> of(List<String> words, int n) {
    if (n < 1 || n > MAX_N) {
      throw new IllegalArgumentException("n-grams of 1 to " + MAX_N + " words, not " + n);
    }
    if (n == 1) {
      return words;
    }
    List<String> terms = new ArrayList<>(count(words.size(), n));
    for (int i = 0; i < words.size(); i++) {
      for (int k = Math.min(n - 1, i); k >= 0; k--) {
        terms.add(String.join(" ", words.subList(i - k, i + 1)));
      }
    }
    return terms;
  }

  /** How many terms {@code words} words give. */
  public static int count(int words, int n) {
    int terms = 0;
    for (int k = 1; k <= n; k++) {
      terms += Math.max(0, words - k + 1);
    }
    return terms;
  }
}
