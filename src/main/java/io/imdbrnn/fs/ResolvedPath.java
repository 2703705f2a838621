package io.imdbrnn.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a path really points, for deciding whether two paths overlap whatever their spelling:
 * {@code .}, {@code ..}, relative to the working directory, trailing slashes, symbolic links. On
 * the local filesystem the longest existing prefix is resolved through its links; on other
 * filesystems (HDFS, S3A) the qualified, normalised URI is the identity.
 *
 * @param fs scheme and authority, e.g. {@code file://} or {@code hdfs://nn:8020}
 * @param path absolute, normalised, without a trailing slash (except the root itself)
 */
public record ResolvedPath(String fs, String path) {

  public static ResolvedPath of(FileSystem fs, Path p) throws IOException {
    Path qualified = fs.makeQualified(p);
    String scheme = qualified.toUri().getScheme();
    String authority = qualified.toUri().getAuthority();
    String prefix = scheme + "://" + (authority == null ? "" : authority);
    if ("file".equals(scheme)) {
      return new ResolvedPath(prefix, realLocalPath(Paths.get(qualified.toUri())).toString());
    }
    String path = qualified.toUri().getPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new ResolvedPath(prefix, path.isEmpty() ? "/" : path);
  }

  /** The working directory of this JVM, resolved; relative local paths start here. */
  public static ResolvedPath workingDirectory() throws IOException {
    return new ResolvedPath("file://", realLocalPath(Paths.get("")).toString());
  }

  /** True when this path is {@code other} or lies anywhere below it. */
  public boolean isSameOrInside(ResolvedPath other) {
    if (!fs.equals(other.fs)) {
      return false;
    }
    if (path.equals(other.path) || other.isRoot()) {
      return true;
    }
    return path.startsWith(other.path + "/");
  }

  /** True when either path is the other or lies below it. */
  public boolean overlaps(ResolvedPath other) {
    return isSameOrInside(other) || other.isSameOrInside(this);
  }

  public boolean isRoot() {
    return "/".equals(path);
  }

  @Override
  public String toString() {
    return fs + path;
  }

  /** The real path of the longest existing prefix (links resolved) plus the rest, normalised. */
  private static java.nio.file.Path realLocalPath(java.nio.file.Path p) throws IOException {
    java.nio.file.Path abs = p.toAbsolutePath().normalize();
    java.nio.file.Path existing = abs;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    java.nio.file.Path real;
    try {
      real = existing.toRealPath();
    } catch (IOException danglingLink) {
      // A link to nothing: it is still the place a write would go through, so compare it as is.
      real = existing;
    }
    return real.resolve(existing.relativize(abs)).normalize();
  }
}
