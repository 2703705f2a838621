package io.imdbrnn.registry;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <registry>/decisions/}: the append-only decision log, one Parquet file per decision. A row
 * is written to a hidden directory and its one file renamed into the log, so the log only ever
 * gains whole rows and never has a file rewritten; readers (Spark skips names starting with {@code
 * .}) never see a half-written one.
 */
public final class DecisionLog {
  public static final String DIR = "decisions";

  private final SparkSession spark;
  private final Path dir;

  public DecisionLog(SparkSession spark, String registry) {
    this.spark = spark;
    this.dir = new Path(io.imdbrnn.bundle.ChampionPointer.stripSlash(registry) + "/" + DIR);
  }

  /** Every decision, oldest first (empty if none was ever made). */
  public Dataset<Row> read() {
    if (!hasRows()) {
      return spark.createDataFrame(List.of(), Decision.SCHEMA);
    }
    return spark.read().schema(Decision.SCHEMA).parquet(dir.toString()).orderBy(col("decided_at"));
  }

  public boolean contains(String decisionId) {
    return hasRows() && !read().filter(col("decision_id").equalTo(decisionId)).isEmpty();
  }

  public void append(Decision decision) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      FileSystem fs = dir.getFileSystem(conf);
      fs.mkdirs(dir);
      Path temp = new Path(dir, ".tmp-" + UUID.randomUUID());
      try {
        spark
            .createDataFrame(List.of(decision.toRow()), Decision.SCHEMA)
            .coalesce(1)
            .write()
            .parquet(temp.toString());
        FileStatus[] parts = fs.globStatus(new Path(temp, "part-*.parquet"));
        if (parts == null || parts.length != 1) {
          throw new IOException("Expected one Parquet file in " + temp);
        }
        // Named by time first, so a listing is in decision order.
        Path target =
            new Path(
                dir,
                String.format(
                    "%013d-%s.parquet",
                    decision.decidedAt().toEpochMilli(), decision.decisionId()));
        if (!fs.rename(parts[0].getPath(), target)) {
          throw new IOException("Cannot rename " + parts[0].getPath() + " to " + target);
        }
      } finally {
        fs.delete(temp, true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot append to the decision log " + dir + ": " + e.getMessage(), e);
    }
  }

  private boolean hasRows() {
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.isDirectory(dir)) {
        return false;
      }
      FileStatus[] files = fs.globStatus(new Path(dir, "[0-9]*.parquet"));
      return files != null && files.length > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the decision log " + dir, e);
    }
  }
}
