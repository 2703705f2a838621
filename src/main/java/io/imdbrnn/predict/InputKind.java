package io.imdbrnn.predict;

import io.imdbrnn.config.IngestFormat;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** How a predict input is read: on this machine (text) or across the cluster (datasets). */
public enum InputKind {
  NONE,
  STDIN,
  LINES,
  FILES,
  PARQUET,
  CSV,
  TSV,
  JSONL;

  public boolean isDataset() {
    return this == PARQUET || this == CSV || this == TSV || this == JSONL;
  }

  /**
   * The input kind, after checking that the settings make a request: something to score, and an
   * output exactly when the input is a dataset (text results go to standard output).
   */
  public static InputKind checked(PredictSettings s, Configuration conf, boolean hasTexts) {
    InputKind kind = of(s, conf);
    if (kind == NONE && !hasTexts) {
      throw new BadInputException(
          "Nothing to score: give --text, or --input (- for standard input).");
    }
    if (kind.isDataset() && s.output().isEmpty()) {
      throw new BadInputException(
          "Setting "
              + PredictSettings.OUTPUT
              + " is required for a dataset input ("
              + s.input()
              + ").");
    }
    if (!kind.isDataset() && !s.output().isEmpty()) {
      throw new BadInputException(
          "Setting "
              + PredictSettings.OUTPUT
              + " is for dataset inputs (Parquet, CSV, TSV, JSON Lines); text results go to"
              + " standard output.");
    }
    return kind;
  }

  /** Resolves {@code predict.input-format}, looking at the path when it is {@code auto}. */
  public static InputKind of(PredictSettings s, Configuration conf) {
    String input = s.input();
    if (input.isEmpty()) {
      return NONE;
    }
    if (input.equals("-")) {
      return STDIN;
    }
    switch (s.inputFormat()) {
      case LINES:
        return LINES;
      case FILES:
        return FILES;
      case PARQUET:
        return PARQUET;
      case CSV:
        return CSV;
      case TSV:
        return TSV;
      case JSONL:
        return JSONL;
      default:
        break;
    }
    Path path = new Path(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new BadInputException(
            "Input " + input + " (" + PredictSettings.INPUT + ") does not exist.");
      }
      if (!fs.getFileStatus(path).isDirectory()) {
        return ofTableFile(input, IngestFormat.ofFileName(path.getName()), LINES);
      }
      return ofDirectory(fs, path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + input + ": " + e.getMessage(), e);
    }
  }

  /**
   * A directory is a dataset when it says so: a Parquet part makes it Parquet, and visible files
   * that all name one text table format make it that format (a directory of {@code part-*.csv}, as
   * Spark writes CSV, {@code _SUCCESS} and all); Spark's {@code _SUCCESS} beside parts whose names
   * tell no format makes it Parquet; otherwise each of its files is one review.
   */
  private static InputKind ofDirectory(FileSystem fs, Path dir) throws IOException {
    Set<IngestFormat> formats = EnumSet.noneOf(IngestFormat.class);
    boolean other = false;
    boolean sparkOutput = false;
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      sparkOutput |= name.equals("_SUCCESS");
      if (f.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
        IngestFormat byName = IngestFormat.ofFileName(name);
        other |= byName == null;
        if (byName != null) {
          formats.add(byName);
        }
      }
    }
    if (formats.contains(IngestFormat.PARQUET) || (sparkOutput && formats.isEmpty())) {
      return PARQUET;
    }
    return other || formats.size() != 1
        ? FILES
        : ofTableFile(dir.toString(), formats.iterator().next(), FILES);
  }

  /** The dataset kind of a table format; {@code otherwise} for none; an archive is refused. */
  private static InputKind ofTableFile(String input, IngestFormat format, InputKind otherwise) {
    if (format == null) {
      return otherwise;
    }
    return switch (format) {
      case CSV -> CSV;
      case TSV -> TSV;
      case JSONL -> JSONL;
      case PARQUET -> PARQUET;
      default ->
          throw new BadInputException(
              String.format(
                  "Input %s (%s) is an archive of labeled reviews: predict scores texts, not"
                      + " archives. Score the reviews it holds as files or lines, or ingest it"
                      + " and score the Parquet dataset that ingest writes (--input-format parquet).",
                  input, PredictSettings.INPUT));
    };
  }
}
