package io.imdbrnn.config;

import com.typesafe.config.Config;

/** Settings of the evaluate stage ({@code evaluate.*} in the config). */
public record EvaluateSettings(
    String model, String input, String output, String split, int batchSize, boolean overwrite)
    implements StagePaths {
  public static final String MODEL = "evaluate.model";
  public static final String INPUT = "evaluate.input";
  public static final String OUTPUT = "evaluate.output";
  public static final String SPLIT = "evaluate.split";
  public static final String BATCH_SIZE = "evaluate.batch-size";
  public static final String OVERWRITE = "evaluate.overwrite";

  public EvaluateSettings {
    model = Validate.required(MODEL, model);
    input = Validate.required(INPUT, input);
    output = Validate.required(OUTPUT, output);
    if (!"test".equals(split) && !"train".equals(split)) {
      throw new IllegalArgumentException(
          "Cannot set " + SPLIT + " to '" + split + "': the value must be one of test, train.");
    }
    Validate.range(BATCH_SIZE, batchSize, 1, 65_536);
  }

  @Override
  public String section() {
    return "evaluate";
  }

  public static EvaluateSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new EvaluateSettings(
        r.string(MODEL),
        r.string(INPUT),
        r.string(OUTPUT),
        r.string(SPLIT),
        r.integer(BATCH_SIZE),
        r.bool(OVERWRITE));
  }

  @Override
  public java.util.Map<String, String> otherInputs() {
    return java.util.Map.of(MODEL, model());
  }
}
