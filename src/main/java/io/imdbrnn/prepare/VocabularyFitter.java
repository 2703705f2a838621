package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts words across the cluster and keeps the most frequent. Ties are broken by the word itself,
 * so the same data always gives the same ids. Only the kept words (at most vocab-size) reach the
 * driver; the counting is a partial-then-final hash aggregation on the executors.
 */
public final class VocabularyFitter {
  private static final Logger LOG = LoggerFactory.getLogger(VocabularyFitter.class);
  public static final String WORD = "word";
  public static final String COUNT = "count";

  private VocabularyFitter() {}

  /**
   * @param words a dataset with an {@code array<string>} column {@code wordsColumn}
   * @return columns {@code word, count}, most frequent first, at most {@code limit} rows
   */
  public static Dataset<Row> topWords(Dataset<Row> words, String wordsColumn, int limit) {
    return words
        .select(explode(col(wordsColumn)).as(WORD))
        .groupBy(WORD)
        .count()
        .orderBy(col(COUNT).desc(), col(WORD).asc())
        .limit(limit);
  }

  /** The kept units (words or characters) of {@code top}, most frequent first, as a vocabulary. */
  static FittedVocabulary vocabulary(List<Row> top, int requested, String units) {
    List<String> kept = new ArrayList<>(top.size());
    top.forEach(r -> kept.add(r.getString(0)));
    Vocabulary vocabulary = new Vocabulary(kept);
    if (vocabulary.size() < requested) {
      LOG.warn(
          "The train split has only {} distinct {}: the vocabulary has {} ids, not {}",
          kept.size(),
          units,
          vocabulary.size(),
          requested);
    }
    return new FittedVocabulary(vocabulary, top);
  }
}
