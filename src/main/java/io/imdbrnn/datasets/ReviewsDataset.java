package io.imdbrnn.datasets;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The reviews dataset written by ingest: one row per review file. */
public final class ReviewsDataset {
  /** Layout path without extension, e.g. {@code train/pos/0_9}; unique. */
  public static final String ID = "id";

  /** {@code train} or {@code test}. */
  public static final String SPLIT = "split";

  /** 1 for pos, 0 for neg. */
  public static final String LABEL = "label";

  /** The star rating from the file name: 7-10 for pos, 1-4 for neg. */
  public static final String RATING = "rating";

  /** The review as written, HTML line breaks included. */
  public static final String TEXT = "text";

  public static final StructType SCHEMA =
      new StructType()
          .add(ID, StringType, false)
          .add(SPLIT, StringType, false)
          .add(LABEL, IntegerType, false)
          .add(RATING, IntegerType, false)
          .add(TEXT, StringType, false);

  /** Rejected files, written to {@code <output>/_rejected} by ingest in dropmalformed mode. */
  public static final String REJECTED_DIR = "_rejected";

  public static final String REJECTED_PATH = "path";
  public static final String REJECTED_REASON = "reason";
  public static final StructType REJECTED_SCHEMA =
      new StructType()
          .add(REJECTED_PATH, StringType, false)
          .add(REJECTED_REASON, StringType, false);

  private ReviewsDataset() {}

  public static Dataset<Row> read(SparkSession spark, String path) {
    return ParquetInput.read(spark, path, "Reviews dataset", SCHEMA);
  }
}
