package io.imdbrnn.ingest;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.runtime.HadoopConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads a {@code .tar.gz} of the layout. Gzip cannot be split, so one executor task streams the
 * archive (never the driver, and nothing is extracted to disk); the rows are then repartitioned so
 * validation and writing run in parallel. 50,000 reviews decompress in about a second.
 */
final class ArchiveSource {
  private ArchiveSource() {}

  static Dataset<Row> read(
      SparkSession spark, String archive, long maxBytes, int partitions, LongAccumulator ignored) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    JavaRDD<Row> rows =
        jsc.parallelize(List.of(archive), 1)
            .flatMap(path -> entries(path, conf, maxBytes, ignored));
    return spark.createDataFrame(rows, RawFiles.SCHEMA).repartition(partitions);
  }

  private static Iterator<Row> entries(
      String archive, HadoopConf conf, long maxBytes, LongAccumulator ignored) throws IOException {
    Path path = new Path(archive);
    FileSystem fs = path.getFileSystem(conf.toConfiguration());
    InputStream in = fs.open(path);
    TarGzReviewReader reader;
    try {
      reader = new TarGzReviewReader(in, archive, maxBytes);
    } catch (BadInputException e) {
      in.close();
      return List.of(RawFiles.toRow(RawFile.fatal(archive, e.getMessage()))).iterator();
    }
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener(
          (org.apache.spark.util.TaskCompletionListener) ctx -> reader.close());
    }
    // A broken archive is reported as a row, not thrown: the driver then stops with one clear
    // message, instead of executors logging stack traces and a cluster retrying a hopeless task.
    return new Iterator<>() {
      private boolean ended;
      private RawFile failure;

      @Override
      public boolean hasNext() {
        if (ended) {
          return false;
        }
        if (failure != null) {
          return true;
        }
        try {
          if (reader.hasNext()) {
            return true;
          }
        } catch (BadInputException e) {
          failure = RawFile.fatal(archive, e.getMessage());
          return true;
        }
        ended = true;
        ignored.add(reader.ignoredEntries());
        return false;
      }

      @Override
      public Row next() {
        if (failure != null) {
          RawFile f = failure;
          failure = null;
          ended = true;
          return RawFiles.toRow(f);
        }
        return RawFiles.toRow(reader.next());
      }
    };
  }

  static void checkReadable(FileSystem fs, Path archive) {
    try (InputStream in = fs.open(archive)) {
      int b1 = in.read();
      int b2 = in.read();
      if (b1 != 0x1f || b2 != 0x8b) {
        throw new BadInputException(
            "Input " + archive + " is a file but not a gzip-compressed tar (.tar.gz) archive.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + archive + ": " + e.getMessage(), e);
    }
  }
}
