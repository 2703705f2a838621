package io.imdbrnn.config;

/** The input and output of a stage, and the settings that name them (for error messages). */
public interface StagePaths {
  /** The documentation of the model path that evaluate and predict read. */
  String MODEL_DOC =
      "The model bundle written by `train`, or a model registry (`promote`), which stands for its"
          + " current champion.";

  /** The documentation of every stage's {@code overwrite} setting. */
  String OVERWRITE_DOC =
      "Replace an existing output of this stage once the new one is complete (never a directory"
          + " this program did not write).";

  String input();

  String output();

  boolean overwrite();

  /** The stage's config section, e.g. {@code prepare}. */
  String section();

  /** Further inputs an output must stay apart from (key to path), e.g. the model bundle read. */
  default java.util.Map<String, String> otherInputs() {
    return java.util.Map.of();
  }

  default String inputKey() {
    return section() + ".input";
  }

  default String outputKey() {
    return section() + ".output";
  }
}
