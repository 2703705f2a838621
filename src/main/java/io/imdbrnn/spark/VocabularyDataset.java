package io.imdbrnn.spark;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

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
}
