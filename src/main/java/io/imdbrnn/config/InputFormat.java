package io.imdbrnn.config;

/** How {@code predict} reads its input ({@code predict.input-format}). */
public enum InputFormat implements SettingEnum {
  /**
   * By the path: "-"; a table file by its name ({@code *.csv}, {@code *.tsv}, {@code *.jsonl},
   * {@code *.parquet}) or a directory of them; another directory; another file.
   */
  AUTO,
  LINES,
  FILES,
  PARQUET,
  CSV,
  TSV,
  JSONL
}
