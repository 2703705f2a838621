package io.imdbrnn.text;

import java.util.List;

/**
 * Words to a fixed-length id sequence with Keras {@code pad_sequences} defaults: the start id goes
 * in front of the word ids, short sequences get zeros in front (pre-padding), long ones keep their
 * last {@code maxLen} ids (pre-truncation, so a long review loses its beginning and start marker).
 */
public final class SequenceEncoder {
  private SequenceEncoder() {}

  public static int[] encode(List<String> words, Vocabulary vocabulary, int maxLen) {
    int[] ids = new int[words.size() + 1];
    ids[0] = Vocabulary.START;
    for (int i = 0; i < words.size(); i++) {
      ids[i + 1] = vocabulary.id(words.get(i));
    }
    return pad(ids, maxLen);
  }

  /**
   * Pre-pads with {@link Vocabulary#PAD} or pre-truncates {@code ids} to exactly {@code maxLen}.
   */
  public static int[] pad(int[] ids, int maxLen) {
    if (maxLen < 1) {
      throw new IllegalArgumentException("maxLen must be positive, found " + maxLen);
    }
    int[] out = new int[maxLen];
    int n = Math.min(ids.length, maxLen);
    System.arraycopy(ids, ids.length - n, out, maxLen - n, n);
    return out;
  }

  /** The id count before padding or truncation, start id included. */
  public static int length(List<String> words) {
    return words.size() + 1;
  }
}
