package io.imdbrnn.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/** Opens a Parquet dataset a previous stage wrote, with errors that say which input is wrong. */
public final class ParquetInput {
  private ParquetInput() {}

  /**
   * Opens a dataset and checks it has every column of {@code schema} with the right type; returns
   * exactly those columns, in schema order.
   */
  public static Dataset<Row> read(SparkSession spark, String path, String what, StructType schema) {
    Dataset<Row> df = read(spark, path, what);
    SchemaCheck.require(df.schema(), schema, what, path);
    return df.select(Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new));
  }

  private static Dataset<Row> read(SparkSession spark, String path, String what) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new IllegalArgumentException(what + " " + path + " does not exist.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + what + " " + path + ": " + e.getMessage(), e);
    }
    try {
      return spark.read().parquet(path);
    } catch (Exception e) {
      // Spark reports unreadable Parquet as AnalysisException (a checked exception in Java's eyes).
      if (e instanceof AnalysisException || e instanceof RuntimeException) {
        throw new IllegalArgumentException(
            what + " " + path + " is not a readable Parquet dataset: " + e.getMessage(), e);
      }
      throw e;
    }
  }
}
