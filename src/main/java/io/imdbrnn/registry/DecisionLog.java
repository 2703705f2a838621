package io.imdbrnn.registry;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.StagingArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code <registry>/decisions/}: the append-only decision log, one Parquet file per decision, named
 * {@code <epoch-millis>-<decision-id>.parquet}. A row is written in a staging area and its one file
 * renamed into the log, so the log only ever gains whole rows and never has a file rewritten.
 *
 * <p>The log is read back as untrusted: every visible entry must be a file of that name with
 * Parquet's magic at both ends, or the log is refused as bad input naming the entry, before Spark
 * reads any of it.
 */
public final class DecisionLog {
  public static final String DIR = "decisions";

  /** The name of a log file; the id part is checked like every id (see {@link Decision}). */
  private static final Pattern FILE_NAME = Pattern.compile("(\\d{13})-([A-Za-z0-9._-]+)\\.parquet");

  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  /** Far above any decision row (about 3 KB); a larger file was not written by promote. */
  private static final long MAX_FILE_BYTES = 1L << 20;

  private final SparkSession spark;
  private final String registry;
  private final Path dir;

  public DecisionLog(SparkSession spark, String registry) {
    this.spark = spark;
    this.registry = io.imdbrnn.bundle.ChampionPointer.stripSlash(registry);
    this.dir = new Path(this.registry + "/" + DIR);
  }

  /** Every decision, oldest first (empty if none was ever made). */
  public Dataset<Row> read() {
    List<Path> files = files();
    if (files.isEmpty()) {
      return spark.createDataFrame(List.of(), Decision.SCHEMA);
    }
    try {
      Dataset<Row> rows =
          spark
              .read()
              .schema(Decision.SCHEMA)
              .parquet(files.stream().map(Path::toString).toArray(String[]::new))
              .orderBy(col("decided_at"));
      // Footers are read lazily; make a bad one fail here, where it can be named.
      rows.count();
      return rows;
    } catch (Exception e) {
      throw new BadInputException(
          "Decision log " + dir + " holds a file Spark cannot read: " + innermost(e), e);
    }
  }

  /** Fails as bad input, naming the entry, when the log holds anything promote did not write. */
  public void check() {
    files();
  }

  /** Whether the log has a row for {@code decisionId}: by file name, without reading rows. */
  public boolean contains(String decisionId) {
    for (Path f : files()) {
      var m = FILE_NAME.matcher(f.getName());
      if (m.matches() && m.group(2).equals(decisionId)) {
        return true;
      }
    }
    return false;
  }

  /** Appends one decision; the caller holds the registry's lock. */
  public void append(Decision decision) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (StagingArea staging = StagingArea.open(conf, new Path(registry))) {
      FileSystem fs = dir.getFileSystem(conf);
      Path temp = staging.path("decision");
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
                  "%013d-%s.parquet", decision.decidedAt().toEpochMilli(), decision.decisionId()));
      staging.publishNew(parts[0].getPath(), target);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot append to the decision log " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The log's files, each checked: a visible entry that is not a decision file of ours is bad input
   * naming it (hidden and {@code _} names, which Spark skips too, are left alone).
   */
  private List<Path> files() {
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return List.of();
      }
      if (!fs.getFileStatus(dir).isDirectory()) {
        throw new BadInputException("Decision log " + dir + " is a file, not a directory.");
      }
      List<Path> files = new ArrayList<>();
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (!s.isFile() || !FILE_NAME.matcher(name).matches()) {
          throw foreign(s.getPath(), "it is not named <time>-<decision id>.parquet");
        }
        if (s.getLen() > MAX_FILE_BYTES) {
          throw foreign(s.getPath(), "it is " + s.getLen() + " bytes");
        }
        if (!hasParquetMagic(fs, s)) {
          throw foreign(s.getPath(), "it is not a Parquet file");
        }
        files.add(s.getPath());
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the decision log " + dir, e);
    }
  }

  private BadInputException foreign(Path file, String why) {
    return new BadInputException(
        String.format(
            "Decision log %s holds %s, which promote did not write (%s). Move it out of the"
                + " registry; nothing was changed.",
            dir, file.getName(), why));
  }

  private static boolean hasParquetMagic(FileSystem fs, FileStatus s) throws IOException {
    if (s.getLen() < 12) {
      return false;
    }
    byte[] head = new byte[4];
    byte[] tail = new byte[4];
    try (FSDataInputStream in = fs.open(s.getPath())) {
      in.readFully(0, head);
      in.readFully(s.getLen() - 4, tail);
    } catch (org.apache.hadoop.fs.ChecksumException e) {
      return false;
    }
    return Arrays.equals(head, PARQUET_MAGIC) && Arrays.equals(tail, PARQUET_MAGIC);
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
  }
}
