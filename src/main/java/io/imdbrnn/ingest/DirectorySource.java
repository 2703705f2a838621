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
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the layout from a directory on any Hadoop filesystem. The driver lists the four label
 * folders (metadata only: 50,000 names, see {@link DirectoryListing}: links and special files are
 * never followed); executors read the regular files, skipping any over the size limit unread.
 * Spark's own binaryFile source would plan one task per ~30 small files here, 1,600 tasks for IMDB,
 * because it charges a 4 MB open cost per file.
 */
final class DirectorySource {
  private DirectorySource() {}

  /**
   * The dataset root: {@code dir} itself, or {@code dir/aclImdb} when the user named its parent.
   */
  static Path resolveRoot(FileSystem fs, Path dir) throws IOException {
    if (hasSplitDirs(fs, dir)) {
      return dir;
    }
    Path nested = new Path(dir, "aclImdb");
    if (fs.isDirectory(nested) && hasSplitDirs(fs, nested)) {
      if (DirectoryListing.isLink(fs, nested)) {
        // The tree is a boundary: the user named its parent, and a link there may lead anywhere.
        throw new BadInputException(
            "Input "
                + dir
                + ": "
                + nested
                + " is a symbolic link, which is not followed; pass the directory it points to.");
      }
      return nested;
    }
    throw new BadInputException(
        "Input "
            + dir
            + " is not an aclImdb directory: expected train/ or test/ holding pos/ and neg/.");
  }

  /** Whether {@code dir} is an aclImdb tree, or the parent of one named {@code aclImdb}. */
  static boolean isAclImdb(FileSystem fs, Path dir) throws IOException {
    Path nested = new Path(dir, "aclImdb");
    return hasSplitDirs(fs, dir) || (fs.isDirectory(nested) && hasSplitDirs(fs, nested));
  }

  private static boolean hasSplitDirs(FileSystem fs, Path dir) throws IOException {
    for (String split : DatasetLayout.SPLITS) {
      for (String label : DatasetLayout.LABEL_DIRS) {
        if (fs.isDirectory(new Path(new Path(dir, split), label))) {
          return true;
        }
      }
    }
    return false;
  }

  static Dataset<Row> read(
      SparkSession spark, FileSystem fs, Path root, long maxBytes, int partitions) {
    List<Row> listing;
    try {
      listing = DirectoryListing.list(fs, root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
    }
    if (listing.isEmpty()) {
      throw new BadInputException(
          "Input " + root + " holds no review files under {train,test}/{pos,neg}/.");
    }
    return read(spark, listing, maxBytes, partitions);
  }

  /** Reads the listed files ({@link DirectoryListing.Entry} rows) on the executors. */
  static Dataset<Row> read(SparkSession spark, List<Row> listing, long maxBytes, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    JavaRDD<Row> rows =
        jsc.parallelize(listing, Math.min(partitions, listing.size()))
            .mapPartitions(files -> readAll(files, conf, maxBytes));
    return spark.createDataFrame(rows, RawFiles.SCHEMA);
  }

  private static Iterator<Row> readAll(Iterator<Row> files, HadoopConf conf, long maxBytes) {
    return new Iterator<>() {
      /** Opened on first use, in the executor. */
      private FileSystem fs;

      @Override
      public boolean hasNext() {
        return files.hasNext();
      }

      @Override
      public Row next() {
        DirectoryListing.Entry f = DirectoryListing.Entry.fromRow(files.next());
        if (f.problem() != null) {
          return RawFiles.toRow(RawFile.rejected(f.source(), f.layoutPath(), f.problem()));
        }
        if (f.length() > maxBytes) {
          return RawFiles.toRow(
              RawFile.rejected(
                  f.source(), f.layoutPath(), ReviewParser.tooLarge(f.length(), maxBytes)));
        }
        try {
          if (DirectoryListing.isLocal(f.uri())) {
            // Checked again here: a file swapped for a link or a pipe since the listing must
            // neither be followed nor block the task.
            String problem =
                DirectoryListing.localProblem(
                    java.nio.file.Paths.get(java.net.URI.create(f.uri())));
            if (problem != null) {
              return RawFiles.toRow(RawFile.rejected(f.source(), f.layoutPath(), problem));
            }
            try (InputStream in =
                java.nio.file.Files.newInputStream(
                    java.nio.file.Paths.get(java.net.URI.create(f.uri())),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              return RawFiles.toRow(
                  new RawFile(f.source(), f.layoutPath(), in.readNBytes((int) maxBytes + 1), null));
            }
          }
          Path path = new Path(java.net.URI.create(f.uri()));
          if (fs == null) {
            fs = path.getFileSystem(conf.toConfiguration());
          }
          try (InputStream in = fs.open(path)) {
            return RawFiles.toRow(
                new RawFile(f.source(), f.layoutPath(), in.readNBytes((int) maxBytes + 1), null));
          }
        } catch (java.nio.file.AccessDeniedException e) {
          // Not readable by this user: the file is bad input to name, not a failure to retry.
          return RawFiles.toRow(
              RawFile.rejected(f.source(), f.layoutPath(), "cannot be read (permission denied)"));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read " + f.source() + ": " + e.getMessage(), e);
        }
      }
    };
  }
}
