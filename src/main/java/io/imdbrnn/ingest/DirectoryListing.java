package io.imdbrnn.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Lists the review files of an aclImdb directory tree and nothing outside it. The tree is a
 * boundary, as an archive is: a symbolic link (to a file or a folder) is never followed and a named
 * pipe, socket or device is never opened; each is listed as a malformed entry, so failfast names it
 * and dropmalformed records it in {@code _rejected}. Sub-folders of a label folder are not part of
 * the layout and are skipped, as before.
 *
 * <p>On the local filesystem the listing uses {@code java.nio} without following links, which also
 * copes with names Hadoop's path parser rejects (a colon); elsewhere (HDFS, S3A) it uses Hadoop's
 * link-aware status where the filesystem has links at all.
 */
final class DirectoryListing {
  /** One listed entry; {@code problem} is set for entries that are not readable review files. */
  record Entry(String uri, String source, String layoutPath, long length, String problem) {
    static final StructType SCHEMA =
        new StructType()
            .add("uri", StringType, false)
            .add("source", StringType, false)
            .add("layout_path", StringType, false)
            .add("length", LongType, false)
            .add("problem", StringType, true);

    Row toRow() {
      return RowFactory.create(uri, source, layoutPath, length, problem);
    }

    static Entry fromRow(Row r) {
      return new Entry(
          r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getString(4));
    }
  }

  private DirectoryListing() {}

  /** The aclImdb tree's files: those of {@code {train,test}/{pos,neg}}. */
  static List<Row> list(FileSystem fs, Path root) throws IOException {
    List<String> folders = new ArrayList<>();
    for (String split : DatasetLayout.SPLITS) {
      for (String label : DatasetLayout.LABEL_DIRS) {
        folders.add(split + "/" + label);
      }
    }
    return list(fs, root, folders);
  }

  /**
   * The files directly inside each of {@code folders} (paths relative to {@code root}); each
   * entry's layout path is {@code folder/name}.
   */
  static List<Row> list(FileSystem fs, Path root, List<String> folders) throws IOException {
    Path qualifiedRoot = fs.makeQualified(root);
    List<Row> rows = new ArrayList<>();
    for (String folder : folders) {
      Path dir = new Path(qualifiedRoot, folder);
      List<Entry> entries =
          isLocal(dir.toUri().toString())
              ? listLocal(Paths.get(qualifiedRoot.toUri()), folder)
              : listHadoop(fs, dir, folder);
      entries.forEach(e -> rows.add(e.toRow()));
    }
    return rows;
  }

  /**
   * The names of the folders directly inside {@code dir}, sorted; links, hidden folders ({@code .}
   * or {@code _} first) and files are left out: a link is never followed into another tree.
   */
  static List<String> subfolders(FileSystem fs, Path dir) throws IOException {
    Path q = fs.makeQualified(dir);
    List<String> out = new ArrayList<>();
    if (isLocal(q.toUri().toString())) {
      try (DirectoryStream<java.nio.file.Path> stream =
          Files.newDirectoryStream(Paths.get(q.toUri()))) {
        for (java.nio.file.Path child : stream) {
          if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
            out.add(child.getFileName().toString());
          }
        }
      }
    } else {
      for (FileStatus s : fs.listStatus(q)) {
        FileStatus status = linkStatus(fs, s.getPath());
        if (status.isDirectory() && !status.isSymlink()) {
          out.add(s.getPath().getName());
        }
      }
    }
    out.removeIf(name -> name.startsWith(".") || name.startsWith("_"));
    out.sort(null);
    return out;
  }

  /** Whether {@code p} itself is a symbolic link (not what it points to). */
  static boolean isLink(FileSystem fs, Path p) throws IOException {
    Path q = fs.makeQualified(p);
    if (isLocal(q.toUri().toString())) {
      return Files.isSymbolicLink(Paths.get(q.toUri()));
    }
    return linkStatus(fs, q).isSymlink();
  }

  static boolean isLocal(String uri) {
    return uri.startsWith("file:");
  }

  /**
   * Why a local path is not a readable review file (without following links), or null if it is a
   * regular file.
   */
  static String localProblem(java.nio.file.Path p) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      return "symbolic link to " + Files.readSymbolicLink(p) + " (links are not followed)";
    }
    if (a.isRegularFile()) {
      return null;
    }
    return a.isDirectory()
        ? "a directory, not a review file"
        : "not a regular file (a named pipe, socket or device is never read)";
  }

  private static List<Entry> listLocal(java.nio.file.Path root, String folder) throws IOException {
    List<Entry> out = new ArrayList<>();
    java.nio.file.Path dir = root;
    for (String part : folder.split("/")) {
      dir = dir.resolve(part);
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return out;
      }
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      String problem = localProblem(dir);
      if (problem != null) {
        // A link or special file where the layout wants a folder: report it, do not enter it.
        out.add(entry(dir.toUri(), folder, 0, problem));
      }
      return out;
    }
    List<java.nio.file.Path> children = new ArrayList<>();
    try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    for (java.nio.file.Path child : children) {
      String layout = folder + "/" + child.getFileName();
      String problem;
      long length = 0;
      try {
        problem = localProblem(child);
        if (problem == null) {
          length = Files.size(child);
        } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
      } catch (NoSuchFileException gone) {
        continue;
      }
      out.add(entry(child.toUri(), layout, length, problem));
    }
    return out;
  }

  private static List<Entry> listHadoop(FileSystem fs, Path dir, String folder) throws IOException {
    List<Entry> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    FileStatus dirStatus = linkStatus(fs, dir);
    if (dirStatus.isSymlink()) {
      out.add(entry(dir.toUri(), folder, 0, "symbolic link (links are not followed)"));
      return out;
    }
    if (!dirStatus.isDirectory()) {
      return out;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      FileStatus status = linkStatus(fs, s.getPath());
      String layout = folder + "/" + s.getPath().getName();
      if (status.isSymlink()) {
        out.add(entry(s.getPath().toUri(), layout, 0, "symbolic link (links are not followed)"));
      } else if (status.isFile()) {
        out.add(entry(s.getPath().toUri(), layout, status.getLen(), null));
      }
    }
    return out;
  }

  private static FileStatus linkStatus(FileSystem fs, Path p) throws IOException {
    return fs.supportsSymlinks() ? fs.getFileLinkStatus(p) : fs.getFileStatus(p);
  }

  private static Entry entry(URI uri, String layout, long length, String problem) {
    // Hadoop's spelling (file:/a/b) for messages and _rejected, as before; the URI to open.
    String source = new Path(uri).toString();
    if (source.endsWith("/")) {
      source = source.substring(0, source.length() - 1);
    }
    return new Entry(uri.toString(), source, layout, length, problem);
  }
}
