package io.imdbrnn.embeddings;

import io.imdbrnn.text.Vocabulary;
import java.util.Map;

/**
 * The vectors of the vocabulary's words found in a word-vectors file.
 *
 * @param source the file, as given
 * @param digest {@code sha256:<hex>} of the file's bytes (compressed, when it is)
 * @param dimension numbers per vector
 * @param byId the vector of each vocabulary id found, exact spellings first, then a spelling that
 *     lower-cases to the word
 * @param wanted how many vocabulary words were looked for
 * @param vectors how many vectors the file holds
 */
public record WordVectors(
    String source,
    String digest,
    int dimension,
    Map<Integer, float[]> byId,
    int wanted,
    long vectors) {
  public WordVectors {
    byId = Map.copyOf(byId);
  }

  /** Vocabulary words found; vectors of the reserved ids (a pretrained bundle has them) aside. */
  public int found() {
    return (int) byId.keySet().stream().filter(id -> id >= Vocabulary.FIRST_WORD_ID).count();
  }

  /** One line for the log. */
  public String summary() {
    return String.format(
        "%d of %d vocabulary words found (%.1f %%) among %d vectors of %d numbers in %s; the others"
            + " keep the random initialisation",
        found(), wanted, wanted == 0 ? 0.0 : 100.0 * found() / wanted, vectors, dimension, source);
  }
}
