package io.imdbrnn.fs;

import io.imdbrnn.errors.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reading files a user handed over (bundles, manifests) without trusting their size: a file is
 * refused by name before it is read when it is larger than its kind can be, and a line longer than
 * its limit is refused instead of being buffered whole.
 */
public final class BoundedRead {
  private BoundedRead() {}

  /** Fails when {@code file} is not a regular file of at most {@code maxBytes}. */
  public static void requireAtMost(FileSystem fs, Path file, long maxBytes) throws IOException {
    FileStatus status = fs.getFileStatus(file);
    if (!status.isFile()) {
      throw new BadInputException(file + " is not a regular file.");
    }
    if (status.getLen() > maxBytes) {
      throw new BadInputException(
          String.format(
              "%s is %d bytes, more than the %d such a file can hold; refusing to read it.",
              file, status.getLen(), maxBytes));
    }
  }

  public static InputStream open(FileSystem fs, Path file, long maxBytes) throws IOException {
    requireAtMost(fs, file, maxBytes);
    return fs.open(file);
  }

  /**
   * The next line, or null at the end; a line over {@code maxChars} is an error naming the file.
   */
  public static String line(BufferedReader r, int maxChars, Path file) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = r.read()) >= 0) {
      if (c == '\n') {
        return line.toString();
      }
      if (line.length() >= maxChars) {
        throw new BadInputException(
            String.format("%s has a line longer than %d characters.", file, maxChars));
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }
}
