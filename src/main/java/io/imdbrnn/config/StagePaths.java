package io.imdbrnn.config;

/** The input and output of a stage, and the settings that name them (for error messages). */
public interface StagePaths {
  String input();

  String output();

  boolean overwrite();

  /** The stage's config section, e.g. {@code prepare}. */
  String section();

  default String inputKey() {
    return section() + ".input";
  }

  default String outputKey() {
    return section() + ".output";
  }
}
