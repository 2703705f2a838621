package io.imdbrnn.config;

/** How {@code predict} prints results ({@code predict.output-format}). */
public enum OutputFormat implements SettingEnum {
  TSV,
  JSON
}
