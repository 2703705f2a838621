package io.imdbrnn.fs;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where a path that does not exist yet would have to be created. */
public final class Ancestors {
  private Ancestors() {}

  /**
   * The nearest existing ancestor of {@code path} when it is not a directory (so {@code path}
   * cannot be created under it), or empty.
   */
  public static Optional<Path> fileAbove(FileSystem fs, Path path) throws IOException {
    for (Path up = path.getParent(); up != null; up = up.getParent()) {
      if (fs.exists(up)) {
        return fs.getFileStatus(up).isDirectory() ? Optional.empty() : Optional.of(up);
      }
    }
    return Optional.empty();
  }
}
