package io.imdbrnn.config;

import java.util.Map;

/** Settings of the evaluate stage ({@code evaluate.*} in the config). */
public record EvaluateSettings(
    @Setting(value = "\"\"", required = true, label = "PATH", doc = StagePaths.MODEL_DOC)
        String model,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "The prepared dataset to score (its vocabulary must be the bundle's).")
        String input,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc = "Where metrics/ (one row) and predictions/ (one row per review) are written.")
        String output,
    @Setting(
            value = "test",
            label = "SPLIT",
            doc = "Which split of the prepared dataset to score: test or train.")
        Split split,
    @Setting(
            value = "256",
            min = 1,
            max = 65_536,
            doc = "Reviews per scoring minibatch on the executors.")
        int batchSize,
    @Setting(
            value = "5",
            min = 1,
            max = 1000,
            doc =
                """
                K-class models: the k of top-k accuracy (the true class among the k most probable; \
                capped at the number of classes).""")
        int topK,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public EvaluateSettings {
    SettingsSchema.check(
        EvaluateSettings.class, model, input, output, split, batchSize, topK, overwrite);
  }

  public static final String MODEL = "evaluate.model";
  public static final String INPUT = "evaluate.input";
  public static final String OUTPUT = "evaluate.output";

  @Override
  public String section() {
    return "evaluate";
  }

  @Override
  public Map<String, String> otherInputs() {
    return Map.of(MODEL, model);
  }
}
