package io.imdbrnn.prepare;

import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * A vocabulary fitted on the train split, with the count of every kept unit ({@code counted}: unit,
 * count, most frequent first, as {@link VocabularyFitter#topWords} gives them).
 */
public record FittedVocabulary(Vocabulary vocabulary, List<Row> counted) {
  /** The train split's count of each kept unit, in id order from the first word id. */
  public List<Long> counts() {
    return counted.stream().map(r -> r.getLong(1)).toList();
  }

  /** Writes {@code vocabulary/} ({@link VocabularyDataset}): reserved ids, then the kept units. */
  void write(SparkSession spark, String dir) {
    List<Row> rows = new ArrayList<>(vocabulary.size());
    for (int id = 0; id < Vocabulary.FIRST_WORD_ID; id++) {
      rows.add(RowFactory.create(id, Vocabulary.RESERVED_WORDS.get(id), 0L));
    }
    for (int i = 0; i < counted.size(); i++) {
      rows.add(
          RowFactory.create(
              Vocabulary.FIRST_WORD_ID + i,
              counted.get(i).getString(0),
              counted.get(i).getLong(1)));
    }
    spark
        .createDataFrame(rows, VocabularyDataset.SCHEMA)
        .coalesce(1)
        .write()
        .parquet(VocabularyDataset.path(dir));
  }
}
