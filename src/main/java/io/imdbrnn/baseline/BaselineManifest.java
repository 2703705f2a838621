package io.imdbrnn.baseline;

import io.imdbrnn.bundle.FormatVersion;
import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import io.imdbrnn.fs.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code <baseline output>/baseline.json}: which model the baseline is and its {@link Provenance},
 * the same record a network's bundle carries. Its presence is what marks an evaluation directory as
 * a baseline's.
 */
public record BaselineManifest(
    int formatVersion, String modelId, String model, Provenance provenance) {
  public static final String FILE = "baseline.json";

  /** 1: typed provenance. Files without a version (0) kept its fields at the top level. */
  public static final int FORMAT_VERSION = 1;

  /** Far above what we write; a larger file is not ours and is not read. */
  private static final long MAX_BYTES = 1 << 20;

  void write(Configuration conf, String dir) {
    Path file = new Path(dir, FILE);
    try (OutputStream out = file.getFileSystem(conf).create(file, false)) {
      JsonFiles.MAPPER.writeValue(out, this);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The manifest of the baseline output or evaluation at {@code dir}, if it is one. */
  public static Optional<BaselineManifest> find(Configuration conf, String dir) {
    Path file = new Path(dir, FILE);
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.isFile(file)) {
        return Optional.empty();
      }
      try (InputStream in = BoundedRead.open(fs, file, MAX_BYTES)) {
        return Optional.of(
            FormatVersion.read(
                in,
                BaselineManifest.class,
                FORMAT_VERSION,
                file.toString(),
                tree -> Provenance.upgradeLegacy(tree, "input")));
      }
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new BadInputException("Unreadable " + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
