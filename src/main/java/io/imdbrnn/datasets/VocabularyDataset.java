package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** {@code <prepared>/vocabulary}: every id with its word and training-split count. */
public final class VocabularyDataset {
  public static final String DIR = "vocabulary";

  public static final String ID = "id";
  public static final String WORD = "word";

  /** Occurrences in the train split; 0 for the reserved ids. */
  public static final String COUNT = "count";

  public static final StructType SCHEMA =
      new StructType()
          .add(ID, IntegerType, false)
          .add(WORD, StringType, false)
          .add(COUNT, LongType, false);

  private VocabularyDataset() {}

  public static String path(String prepared) {
    return prepared + "/" + DIR;
  }

  public static Dataset<Row> read(SparkSession spark, String prepared) {
    return ParquetInput.read(spark, path(prepared), "Vocabulary", SCHEMA);
  }

  /** The words (reserved ids left out) in id order, with their training counts. */
  public record Words(List<String> words, List<Long> counts) {}

  /** Reads the vocabulary of a prepared dataset back to the driver (10,000 rows by default). */
  public static Words words(SparkSession spark, String prepared, int firstWordId) {
    List<String> words = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Row r : read(spark, prepared).orderBy(ID).collectAsList()) {
      if (r.getInt(0) >= firstWordId) {
        words.add(r.getString(1));
        counts.add(r.getLong(2));
      }
    }
    return new Words(words, counts);
  }
}
