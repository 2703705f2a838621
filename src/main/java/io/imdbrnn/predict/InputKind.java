package io.imdbrnn.predict;

import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  CSV;

  public boolean isDataset() {
    return this == PARQUET || this == CSV;
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
              + " is for dataset inputs (Parquet, CSV); text results go to standard output.");
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
      if (input.endsWith(".csv")) {
        return CSV;
      }
      if (!fs.getFileStatus(path).isDirectory()) {
        return LINES;
      }
      for (FileStatus f : fs.listStatus(path)) {
        String name = f.getPath().getName();
        if (name.equals("_SUCCESS") || name.endsWith(".parquet")) {
          return PARQUET;
        }
      }
      return FILES;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot inspect " + input + ": " + e.getMessage(), e);
    }
  }
}
