package io.imdbrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@code run}: the whole pipeline in one application. The stages' paths are derived
 * from {@code run.work-dir}; every other stage setting comes from its own section.
 */
public record RunSettings(String input, String workDir, boolean overwrite) implements StagePaths {
  public static final String INPUT = "run.input";
  public static final String WORK_DIR = "run.work-dir";
  public static final String OVERWRITE = "run.overwrite";

  public RunSettings {
    input = Validate.required(INPUT, input);
    workDir = Validate.required(WORK_DIR, workDir);
  }

  @Override
  public String output() {
    return workDir;
  }

  @Override
  public String section() {
    return "run";
  }

  @Override
  public String outputKey() {
    return WORK_DIR;
  }

  public String reviews() {
    return workDir + "/reviews";
  }

  public String prepared() {
    return workDir + "/prepared";
  }

  public String model() {
    return workDir + "/model";
  }

  public String evaluation() {
    return workDir + "/evaluation";
  }

  /** {@code config} with every stage's paths and overwrite flag set from this run. */
  public Config stageConfig(Config config) {
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put(IngestSettings.INPUT, input);
    paths.put(IngestSettings.OUTPUT, reviews());
    paths.put(IngestSettings.OVERWRITE, overwrite);
    paths.put(PrepareSettings.INPUT, reviews());
    paths.put(PrepareSettings.OUTPUT, prepared());
    paths.put(PrepareSettings.OVERWRITE, overwrite);
    paths.put(TrainSettings.INPUT, prepared());
    paths.put(TrainSettings.OUTPUT, model());
    paths.put(TrainSettings.OVERWRITE, overwrite);
    paths.put(EvaluateSettings.MODEL, model());
    paths.put(EvaluateSettings.INPUT, prepared());
    paths.put(EvaluateSettings.OUTPUT, evaluation());
    paths.put(EvaluateSettings.OVERWRITE, overwrite);
    return ConfigFactory.parseMap(paths).withFallback(config);
  }

  public static RunSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new RunSettings(r.string(INPUT), r.string(WORK_DIR), r.bool(OVERWRITE));
  }
}
