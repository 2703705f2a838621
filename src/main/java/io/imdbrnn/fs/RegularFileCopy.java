package io.imdbrnn.fs;

import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies a directory tree a user handed over into one this program owns, taking only directories
 * and regular files: a symbolic link (or a device, a pipe) is refused by name, because following it
 * would copy whatever it points at, outside the tree, into the destination.
 */
public final class RegularFileCopy {
  private RegularFileCopy() {}

  /**
   * Copies {@code source} to {@code target} (which must not exist).
   *
   * @param what names the source in errors ("candidate bundle /x")
   */
  public static void copyTree(Configuration conf, Path source, Path target, String what)
      throws IOException {
    FileSystem from = source.getFileSystem(conf);
    FileSystem to = target.getFileSystem(conf);
    requireNoLinks(from, source, what);
    copy(from, source, to, target);
  }

  /** As {@link #requireNoLinks(FileSystem, Path, String)}, for a tree on any filesystem. */
  public static void requireNoLinks(Configuration conf, Path dir, String what) {
    try {
      requireNoLinks(dir.getFileSystem(conf), dir, what);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  /** Fails naming the first entry below {@code dir} that is not a directory or a regular file. */
  public static void requireNoLinks(FileSystem fs, Path dir, String what) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path root = java.nio.file.Path.of(fs.makeQualified(dir).toUri());
      try (var all = Files.walk(root)) {
        for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) all::iterator) {
          if (Files.isSymbolicLink(p)
              || !(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                  || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            throw new BadInputException(
                String.format(
                    "%s holds %s, which is %s; only regular files are copied. Replace it with the"
                        + " file itself.",
                    what, p, Files.isSymbolicLink(p) ? "a symbolic link" : "not a regular file"));
          }
        }
      }
      return;
    }
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isSymlink()) {
        throw new BadInputException(
            what
                + " holds "
                + s.getPath()
                + ", which is a symbolic link; only regular files are"
                + " copied.");
      }
      if (s.isDirectory()) {
        requireNoLinks(fs, s.getPath(), what);
      }
    }
  }

  private static void copy(FileSystem from, Path source, FileSystem to, Path target)
      throws IOException {
    if (!to.mkdirs(target)) {
      throw new IOException("Cannot create " + target);
    }
    for (FileStatus s : from.listStatus(source)) {
      Path dest = new Path(target, s.getPath().getName());
      if (s.isDirectory()) {
        copy(from, s.getPath(), to, dest);
      } else if (!isChecksum(s.getPath().getName())) {
        try (InputStream in = from.open(s.getPath());
            OutputStream out = to.create(dest, false)) {
          in.transferTo(out);
        }
      }
    }
  }

  /** Hadoop's local checksum files: the destination filesystem writes its own. */
  private static boolean isChecksum(String name) {
    return name.startsWith(".") && name.endsWith(".crc");
  }
}
