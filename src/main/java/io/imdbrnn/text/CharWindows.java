package io.imdbrnn.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Code points to character ids, and id sequences to training windows. A review's ids start with
 * {@link Vocabulary#START}, so the first character is predicted too (from "a review begins"), and
 * generation can start where reviews start. Characters outside the vocabulary get {@link
 * Vocabulary#OOV}.
 */
public final class CharWindows {
  private CharWindows() {}

  /** {@code [START, id(c1), id(c2), ...]} for the characters of normalised text. */
  public static int[] encode(String text, Vocabulary vocabulary) {
    return encode(CharTokenizer.symbols(text), vocabulary);
  }

  /** {@code [START, id(s1), id(s2), ...]} for characters as the vocabulary lists them. */
  public static int[] encode(List<String> symbols, Vocabulary vocabulary) {
    int[] ids = new int[symbols.size() + 1];
    ids[0] = Vocabulary.START;
    for (int i = 0; i < symbols.size(); i++) {
      ids[i + 1] = vocabulary.id(symbols.get(i));
    }
    return ids;
  }

  /**
   * Windows of {@code window} inputs plus one: window {@code k} holds ids {@code [k·window,
   * (k+1)·window]}, its first {@code window} ids the inputs and its last {@code window} the
   * targets. Consecutive windows share one id, so every id but the first is a target exactly once;
   * the last window is shorter. A sequence of fewer than two ids has no window.
   */
  public static List<int[]> cut(int[] ids, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive, found " + window);
    }
    List<int[]> windows = new ArrayList<>();
    for (int start = 0; start + 1 < ids.length; start += window) {
      int end = Math.min(ids.length, start + window + 1);
      windows.add(java.util.Arrays.copyOfRange(ids, start, end));
    }
    return windows;
  }

  /** The sequence {@link #cut} made {@code windows} from, given the windows in order. */
  public static int[] join(List<int[]> windows) {
    int length = windows.isEmpty() ? 0 : 1;
    for (int[] w : windows) {
      length += w.length - 1;
    }
    int[] ids = new int[length];
    int at = 0;
    for (int i = 0; i < windows.size(); i++) {
      int[] w = windows.get(i);
      int from = i == 0 ? 0 : 1;
      System.arraycopy(w, from, ids, at, w.length - from);
      at += w.length - from;
    }
    return ids;
  }
}
