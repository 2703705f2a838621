package io.imdbrnn.config;

/** What ingest does with a malformed review file; named after Spark's own reader modes. */
public enum MalformedMode implements SettingEnum {
  /** Stop with an error naming the first malformed file; nothing is written. */
  FAILFAST,
  /** Skip malformed files and record each path and reason in {@code <output>/_rejected}. */
  DROPMALFORMED
}
