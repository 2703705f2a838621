package io.imdbrnn.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A digest that identifies a dataset without reading it: SHA-256 over the sorted relative paths and
 * lengths of its files (hidden and {@code _} names, which Spark's readers skip, left out), and the
 * content of its small JSON manifests. A copy of the data has the same digest; data that was
 * rewritten, added to or truncated has another. Reading only the listing keeps it cheap for data of
 * any size.
 */
public final class DataDigest {
  private static final long MAX_HASHED_BYTES = 1 << 20;

  private DataDigest() {}

  /** {@code sha256:<hex>} of the dataset (a directory or one file) at {@code location}. */
  public static String of(Configuration conf, String location) {
    try {
      Path root = new Path(location);
      FileSystem fs = root.getFileSystem(conf);
      Path qualified = fs.makeQualified(root);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Entry> entries = new ArrayList<>();
      FileStatus top = fs.getFileStatus(qualified);
      if (top.isFile()) {
        entries.add(new Entry(qualified.getName(), top.getLen(), qualified));
      } else {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualified, true);
        String prefix = qualified.toUri().getPath();
        while (files.hasNext()) {
          FileStatus f = files.next();
          String rel = f.getPath().toUri().getPath().substring(prefix.length());
          if (!isSkipped(rel)) {
            entries.add(new Entry(rel, f.getLen(), f.getPath()));
          }
        }
      }
      entries.sort(java.util.Comparator.comparing(Entry::name));
      for (Entry e : entries) {
        sha.update((e.name() + "\t" + e.length() + "\n").getBytes(StandardCharsets.UTF_8));
        // A small manifest's content too: it records how the data was made.
        if (e.name().endsWith(".json") && e.length() <= MAX_HASHED_BYTES) {
          try (var in = fs.open(e.path())) {
            sha.update(in.readNBytes((int) MAX_HASHED_BYTES));
          }
        }
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + location + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A name Spark's readers skip: any path part starting with '.' or '_'. */
  private static boolean isSkipped(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private record Entry(String name, long length, Path path) {}
}
