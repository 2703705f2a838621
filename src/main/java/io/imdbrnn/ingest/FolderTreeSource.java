package io.imdbrnn.ingest;

import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder per class, {@code <root>/[<split>/]<class>/*.txt}, as Keras' {@code
 * text_dataset_from_directory} reads it. When the root holds split folders ({@code train}, {@code
 * test}, and the names {@link SplitNames} knows), each holds class folders and its files are in
 * that split; otherwise every folder of the root is a class and ingest assigns the splits. Only
 * files of the given ending ({@code ingest.file-extension}, {@code .txt}) are texts, and never
 * hidden ones; links are listed as malformed, never followed (as for aclImdb).
 */
final class FolderTreeSource {
  private static final Logger LOG = LoggerFactory.getLogger(FolderTreeSource.class);

  private FolderTreeSource() {}

  static Dataset<Row> read(
      SparkSession spark,
      FileSystem fs,
      Path root,
      long maxBytes,
      String encoding,
      String extension,
      int partitions) {
    List<Row> listing;
    try {
      listing = listing(fs, root, classFolders(fs, root), extension);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + root + ": " + e.getMessage(), e);
    }
    if (listing.isEmpty()) {
      throw new BadInputException(
          "Input "
              + root
              + " holds no "
              + (extension.isEmpty() ? "" : extension + " ")
              + "files in its class folders (ingest.file-extension names the ending read).");
    }
    return ReviewValidation.parse(
        DirectorySource.read(spark, listing, maxBytes, partitions),
        new FolderParser(maxBytes, encoding, extension));
  }

  /** The class folders, relative to the root: {@code class} or {@code split/class}. */
  static List<String> classFolders(FileSystem fs, Path root) throws IOException {
    List<String> top = DirectoryListing.subfolders(fs, root);
    List<String> splits = top.stream().filter(d -> SplitNames.normalize(d) != null).toList();
    List<String> folders = new ArrayList<>();
    if (splits.isEmpty()) {
      folders.addAll(top);
    } else {
      List<String> ignored = new ArrayList<>(top);
      ignored.removeAll(splits);
      if (!ignored.isEmpty()) {
        LOG.warn(
            "Input {} has split folders {}; the other folders {} are not read",
            root,
            splits,
            ignored);
      }
      for (String split : splits) {
        for (String label : DirectoryListing.subfolders(fs, new Path(root, split))) {
          folders.add(split + "/" + label);
        }
      }
    }
    if (folders.isEmpty()) {
      throw new BadInputException(
          "Input "
              + root
              + " has no class folders: expected <root>/<class>/*.txt or"
              + " <root>/<split>/<class>/*.txt (a folder per class), or the aclImdb layout (train/"
              + " or test/ holding pos/ and neg/).");
    }
    return folders;
  }

  /**
   * The files of the folders that end in {@code extension} (any when empty; never hidden ones), and
   * every entry already found malformed (a link).
   */
  private static List<Row> listing(FileSystem fs, Path root, List<String> folders, String extension)
      throws IOException {
    List<Row> out = new ArrayList<>();
    int skipped = 0;
    for (Row r : DirectoryListing.list(fs, root, folders)) {
      DirectoryListing.Entry e = DirectoryListing.Entry.fromRow(r);
      String name = e.layoutPath().substring(e.layoutPath().lastIndexOf('/') + 1);
      if (e.problem() != null || (!name.startsWith(".") && name.endsWith(extension))) {
        out.add(r);
      } else {
        skipped++;
      }
    }
    if (skipped > 0) {
      LOG.info(
          "Input {}: {} hidden files or files without the {} ending are not read",
          root,
          skipped,
          extension);
    }
    return out;
  }
}
