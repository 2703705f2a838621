package io.imdbrnn.config;

/** How {@code predict} reads its input ({@code predict.input-format}). */
public enum InputFormat implements SettingEnum {
  /** By the path: "-", *.csv, a Parquet directory, a directory, a file. */
  AUTO,
  LINES,
  FILES,
  PARQUET,
  CSV
}
