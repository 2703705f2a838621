package io.imdbrnn.prepare;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts words across the cluster and keeps the most frequent. Ties are broken by the word itself,
 * so the same data always gives the same ids. Only the kept words (at most vocab-size) reach the
 * driver; the counting is a partial-then-final hash aggregation on the executors.
 */
public final class VocabularyFitter {
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
}
