package io.imdbrnn.ml;

import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.fs.BoundedRead;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import scala.Option;

/**
 * Spark ML's saved {@code metadata/} (one JSON line: class, uid, params) read as untrusted: through
 * the bounded reader (Spark's own reader would buffer a line of any length), and every parse,
 * unknown-param or range error reported as bad input naming the file. Params validate as they are
 * set, with the settings' declared ranges.
 */
final class SavedParams {
  /** Spark ML's metadata is one JSON line of a few KB; a larger file was not written by us. */
  private static final long MAX_METADATA_BYTES = 1 << 20;

  static final String DIR = "metadata";

  private SavedParams() {}

  /**
   * The stage saved at {@code path}, made by {@code create} from the saved uid and given the saved
   * params; empty when {@code path} has no {@code metadata/}.
   */
  static <T extends Params> Optional<T> load(
      Configuration conf, String path, Class<T> type, Function<String, T> create) {
    return load(conf, path, type, create, List.of());
  }

  /**
   * As {@link #load(Configuration, String, Class, Function)}, skipping the saved params named in
   * {@code retired}: params of earlier versions that the stage no longer has.
   */
  static <T extends Params> Optional<T> load(
      Configuration conf,
      String path,
      Class<T> type,
      Function<String, T> create,
      List<String> retired) {
    Path metadata = new Path(path, DIR);
    Optional<String> json = json(conf, metadata);
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      DefaultParamsReader.Metadata md =
          DefaultParamsReader.parseMetadata(json.get(), type.getName());
      T stage = create.apply(md.uid());
      md.getAndSetParams(
          stage,
          retired.isEmpty()
              ? Option.empty()
              : Option.apply(
                  scala.collection.JavaConverters.asScalaBufferConverter(retired)
                      .asScala()
                      .toList()));
      return Optional.of(stage);
    } catch (Exception e) {
      // Jackson's parse errors (checked, thrown through Scala undeclared), json4s' mapping
      // errors, another class, an unknown param, a value its validator refuses: the file's fault.
      throw new BadInputException(
          "Saved "
              + type.getSimpleName()
              + " "
              + path
              + " has unusable Spark ML metadata ("
              + metadata
              + "): "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          e);
    }
  }

  private static Optional<String> json(Configuration conf, Path metadata) {
    try {
      FileSystem fs = metadata.getFileSystem(conf);
      if (!fs.exists(metadata)) {
        return Optional.empty();
      }
      if (!fs.getFileStatus(metadata).isDirectory()) {
        throw new BadInputException("Saved Spark ML metadata " + metadata + " is not a directory.");
      }
      FileStatus[] parts = fs.globStatus(new Path(metadata, "part-*"));
      List<FileStatus> nonEmpty = new ArrayList<>();
      for (FileStatus p : parts == null ? new FileStatus[0] : parts) {
        BoundedRead.requireAtMost(fs, p.getPath(), MAX_METADATA_BYTES);
        if (p.getLen() > 0) {
          nonEmpty.add(p);
        }
      }
      if (nonEmpty.size() != 1) {
        throw new BadInputException(
            "Saved Spark ML metadata "
                + metadata
                + " holds "
                + nonEmpty.size()
                + " non-empty part files, not one.");
      }
      Path file = nonEmpty.get(0).getPath();
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  BoundedRead.open(fs, file, MAX_METADATA_BYTES), StandardCharsets.UTF_8))) {
        String line = BoundedRead.line(r, (int) MAX_METADATA_BYTES, file);
        if (line == null || line.isBlank()) {
          throw new BadInputException("Saved Spark ML metadata " + file + " is empty.");
        }
        return Optional.of(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read saved Spark ML metadata " + metadata + ": " + e.getMessage(), e);
    }
  }
}
