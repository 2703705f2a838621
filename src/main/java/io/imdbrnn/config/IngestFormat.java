package io.imdbrnn.config;

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
  PARQUET
}
