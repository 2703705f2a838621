package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The prepared dataset: {@code <prepared>/tokens}, one row per review with its padded id sequence.
 * Its vocabulary sits beside it in {@code <prepared>/vocabulary} and its settings in {@code
 * <prepared>/prepare.json}.
 */
public final class TokenizedDataset {
  public static final String DIR = "tokens";

  public static final String ID = ReviewsDataset.ID;
  public static final String SPLIT = ReviewsDataset.SPLIT;
  public static final String LABEL = ReviewsDataset.LABEL;

  /** Exactly max-len ids: zeros in front, start id 1, word ids (2 = out of vocabulary). */
  public static final String TOKENS = "tokens";

  /** Ids before padding/truncation, the start id included; min(length, max-len) steps are real. */
  public static final String LENGTH = "length";

  public static final StructType SCHEMA =
      new StructType()
          .add(ID, StringType, false)
          .add(SPLIT, StringType, false)
          .add(LABEL, IntegerType, false)
          .add(TOKENS, createArrayType(IntegerType, false), false)
          .add(LENGTH, IntegerType, false);

  private TokenizedDataset() {}

  public static String path(String prepared) {
    return prepared + "/" + DIR;
  }

  public static Dataset<Row> read(SparkSession spark, String prepared) {
    return ParquetInput.read(spark, path(prepared), "Prepared dataset", SCHEMA);
  }
}
