package io.imdbrnn.config;

import java.util.List;
import java.util.Locale;

/** How ingest reads its input ({@code ingest.format}). */
public enum IngestFormat implements SettingEnum {
  /**
   * By the input: a {@code .tar.gz} or a tree with {@code {train,test}/{pos,neg}/} is aclImdb;
   * {@code *.csv}, {@code *.tsv}, {@code *.jsonl}/{@code *.json} and {@code *.parquet} (or a
   * directory of such files) are tables; any other directory is a folder per class.
   */
  AUTO,
  /** {@code <root>/{train,test}/{pos,neg}/<id>_<rating>.txt}, a directory or a .tar.gz of one. */
  ACLIMDB,
  /** {@code <root>/[<split>/]<class>/*.txt}, as Keras' {@code text_dataset_from_directory}. */
  FOLDERS,
  /** Comma-separated values with a header row (RFC 4180 quoting), UTF-8. */
  CSV,
  /** Tab-separated values with a header row, UTF-8. */
  TSV,
  /** One JSON object per line, UTF-8. */
  JSONL,
  PARQUET;

  private static final IngestFormat[] TEXT_TABLES = {CSV, TSV, JSONL};

  /**
   * The file endings of a text table format ({@code csv}, {@code tsv}, {@code jsonl}), lower case.
   *
   * @throws IllegalArgumentException for the other formats
   */
  public List<String> extensions() {
    return switch (this) {
      case CSV -> List.of(".csv");
      case TSV -> List.of(".tsv", ".tab");
      case JSONL -> List.of(".jsonl", ".ndjson", ".json");
      default -> throw new IllegalArgumentException(this + " is not a text table format");
    };
  }

  /**
   * Whether a file of this text table format may have this name: one of its endings, in any case,
   * optionally compressed ({@code .gz}, {@code .bz2}).
   */
  public boolean namesFile(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT).replaceFirst("\\.(gz|bz2)$", "");
    return extensions().stream().anyMatch(n::endsWith);
  }

  /**
   * The format a file's name says ({@code .tar.gz}/{@code .tgz}: an aclImdb archive; {@code
   * .parquet}; the text tables' endings), or null.
   */
  public static IngestFormat ofFileName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
      return ACLIMDB;
    }
    if (n.endsWith(".parquet")) {
      return PARQUET;
    }
    for (IngestFormat f : TEXT_TABLES) {
      if (f.namesFile(n)) {
        return f;
      }
    }
    return null;
  }
}
