package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The prepared dataset of the next-char task: {@code <prepared>/windows}, one row per window of a
 * review's character ids. The character vocabulary sits beside it in {@code <prepared>/vocabulary}.
 */
public final class WindowsDataset {
  public static final String DIR = "windows";

  public static final String ID = ReviewsDataset.ID;
  public static final String SPLIT = ReviewsDataset.SPLIT;

  /** The window's position in its review, from 0. */
  public static final String WINDOW = "window";

  /**
   * The window's ids, inputs and targets in one: up to {@code window + 1} ids, the first {@code
   * length - 1} read by the network, the last {@code length - 1} predicted. Not padded.
   */
  public static final String CHARS = "chars";

  public static final StructType SCHEMA =
      new StructType()
          .add(ID, StringType, false)
          .add(SPLIT, StringType, false)
          .add(WINDOW, IntegerType, false)
          .add(CHARS, createArrayType(IntegerType, false), false);

  private WindowsDataset() {}

  public static String path(String prepared) {
    return prepared + "/" + DIR;
  }

  public static Dataset<Row> read(SparkSession spark, String prepared) {
    return ParquetInput.read(spark, path(prepared), "Prepared dataset", SCHEMA);
  }
}
