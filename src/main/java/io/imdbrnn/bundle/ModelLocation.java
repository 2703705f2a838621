package io.imdbrnn.bundle;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a model path leads: a bundle directory is itself; a model registry (a directory holding
 * {@code champion.json}) leads to its current champion, so {@code predict}, {@code evaluate} and
 * the Spark ML model can be pointed at "the model in service" and follow promotions.
 */
public final class ModelLocation {
  private static final long MAX_POINTER_BYTES = 1 << 20;

  /** Model ids become directory names: letters, digits, dot, dash, underscore only. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private ModelLocation() {}

  /** The bundle directory {@code path} names: itself, or the champion of the registry it is. */
  public static String resolve(Configuration conf, String path) {
    Optional<ChampionPointer> champion = champion(conf, path);
    if (champion.isEmpty()) {
      return path;
    }
    String bundle = champion.get().bundlePath(path);
    requireNotLinked(conf, bundle, path);
    return bundle;
  }

  /** A registry serves only bundles inside it: a linked model directory could lead anywhere. */
  private static void requireNotLinked(Configuration conf, String bundle, String registry) {
    try {
      Path p = new Path(bundle);
      FileSystem fs = p.getFileSystem(conf);
      if ("file".equals(fs.getUri().getScheme())
          && java.nio.file.Files.isSymbolicLink(
              java.nio.file.Path.of(fs.makeQualified(p).toUri()))) {
        throw new BadInputException(
            "Model registry "
                + registry
                + " serves "
                + bundle
                + ", which is a symbolic link; a registry's models are its own copies.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check " + bundle + ": " + e.getMessage(), e);
    }
  }

  /** The champion pointer of {@code registry}, if it is a registry with a champion. */
  public static Optional<ChampionPointer> champion(Configuration conf, String registry) {
    Path file = new Path(ChampionPointer.stripSlash(registry) + "/" + ChampionPointer.FILE);
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      if (!fs.getFileStatus(file).isFile()) {
        throw new BadInputException(
            "Model registry "
                + registry
                + " has a "
                + ChampionPointer.FILE
                + " that is not a file.");
      }
      ChampionPointer pointer;
      try (InputStream in = BoundedRead.open(fs, file, MAX_POINTER_BYTES)) {
        pointer =
            FormatVersion.read(
                in,
                ChampionPointer.class,
                ChampionPointer.FORMAT_VERSION,
                "Model registry " + registry + ": " + ChampionPointer.FILE);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new BadInputException(
            "Model registry "
                + registry
                + " has an unreadable "
                + ChampionPointer.FILE
                + ": "
                + e.getOriginalMessage(),
            e);
      }
      String where = registry + "/" + ChampionPointer.FILE;
      requireSafeId(pointer.modelId(), where);
      requireSafeId(pointer.decisionId(), where);
      pointer.previous().forEach(id -> requireSafeId(id, where));
      return Optional.of(pointer);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read " + file + " of model registry " + registry + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a model (or decision) id that could leave the registry's directories. */
  public static void requireSafeId(String id, String where) {
    if (id == null || !SAFE_ID.matcher(id).matches() || id.contains("..")) {
      throw new BadInputException(
          "Id "
              + (id == null ? "(missing)" : "'" + id + "'")
              + " in "
              + where
              + " is not a safe directory name (letters, digits, '.', '-', '_').");
    }
  }
}
