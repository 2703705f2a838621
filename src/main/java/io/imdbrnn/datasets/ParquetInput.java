package io.imdbrnn.datasets;

import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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
    return read(spark, path, what, schema, df -> df);
  }

  /**
   * As {@link #read(SparkSession, String, String, StructType)}, after {@code upgrade} has turned an
   * older layout of the dataset into the current one (columns it does not touch pass unchanged).
   */
  public static Dataset<Row> read(
      SparkSession spark,
      String path,
      String what,
      StructType schema,
      java.util.function.UnaryOperator<Dataset<Row>> upgrade) {
    Dataset<Row> raw = read(spark, path, what);
    Dataset<Row> df =
        java.util.List.of(raw.schema().fieldNames())
                .containsAll(java.util.List.of(schema.fieldNames()))
            ? upgrade.apply(raw)
            : raw;
    SchemaCheck.require(df.schema(), schema, what, path);
    return df.select(Arrays.stream(schema.fieldNames()).map(functions::col).toArray(Column[]::new));
  }

  /** The column names of a dataset as written, before any check or selection. */
  public static java.util.List<String> columns(SparkSession spark, String path, String what) {
    return java.util.List.of(read(spark, path, what).schema().fieldNames());
  }

  private static Dataset<Row> read(SparkSession spark, String path, String what) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw new BadInputException(what + " " + path + " does not exist.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + what + " " + path + ": " + e.getMessage(), e);
    }
    try {
      return spark.read().parquet(path);
    } catch (Exception e) {
      // Opening a dataset infers its schema from the footers: a directory of non-Parquet files
      // fails
      // here, as AnalysisException or as a SparkException from the footer-reading job (both checked
      // exceptions that Scala does not declare). Either way the input is at fault, not the cluster.
      throw new BadInputException(
          what + " " + path + " is not a readable Parquet dataset: " + innermostMessage(e), e);
    }
  }

  private static String innermostMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
