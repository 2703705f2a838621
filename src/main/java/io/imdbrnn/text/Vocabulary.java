package io.imdbrnn.text;

import io.imdbrnn.errors.BadInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word ids with Keras' IMDB conventions: 0 pads, 1 marks the start of a review, 2 stands for any
 * word outside the vocabulary, and the kept words take ids from 3 in order of frequency. Immutable;
 * small enough (10,000 words: about 1 MB) to broadcast to every executor.
 */
public final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int PAD = 0;
  public static final int START = 1;
  public static final int OOV = 2;
  public static final int FIRST_WORD_ID = 3;

  /**
   * Placeholder words for the reserved ids; no token can collide, the tokenizer never emits '<'.
   */
  public static final List<String> RESERVED_WORDS = List.of("<pad>", "<start>", "<oov>");

  // Plain ArrayList/HashMap (not List.copyOf) so Kryo can serialize the broadcast copy.
  private final ArrayList<String> words;
  private final HashMap<String, Integer> ids;

  /**
   * @param words the kept words, most frequent first; word i gets id {@code FIRST_WORD_ID + i}
   */
  public Vocabulary(List<String> words) {
    this.words = new ArrayList<>(words);
    this.ids = new HashMap<>(words.size() * 2);
    for (int i = 0; i < words.size(); i++) {
      if (ids.put(words.get(i), FIRST_WORD_ID + i) != null) {
        throw new BadInputException("Vocabulary lists '" + words.get(i) + "' twice.");
      }
    }
  }

  /** The id of {@code word}, or {@link #OOV}. */
  public int id(String word) {
    Integer id = ids.get(word);
    return id == null ? OOV : id;
  }

  /** Ids in use: the reserved ones plus the words; the embedding layer's input size. */
  public int size() {
    return FIRST_WORD_ID + words.size();
  }

  public List<String> words() {
    return Collections.unmodifiableList(words);
  }

  public Map<String, Integer> asMap() {
    return Collections.unmodifiableMap(ids);
  }
}
