package io.imdbrnn.config;

/** The input and output of a stage, and the settings that name them (for error messages). */
public interface StagePaths {
  String input();

  String output();

  boolean overwrite();

  String inputKey();

  String outputKey();
}
