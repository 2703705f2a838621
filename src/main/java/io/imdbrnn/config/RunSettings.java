package io.imdbrnn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@code run}: the whole pipeline in one application. The stages' paths are derived
 * from {@code run.work-dir}; every other stage setting comes from its own section.
 */
public record RunSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            help = "aclImdb directory or .tar.gz.",
            doc = "The raw reviews, as for ingest.input.")
        String input,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            help = "Directory for every stage's output.",
            doc =
                """
                Every stage writes under this directory: reviews/, prepared/, model/, evaluation/, \
                report/. The \
                other sections' input/output settings are derived from it; their remaining settings \
                apply as usual.""")
        String workDir,
    @Setting(
            value = "true",
            help = "Write report/ (report.html and figures) after evaluate.",
            doc =
                """
                After evaluate, write report/: report.html with the training curves, ROC, \
                precision-recall, calibration, confusion matrix, accuracy by length and the most \
                confidently wrong reviews (the `report` command, without baseline or champion).""")
        boolean report,
    @Setting(
            value = "false",
            help = "Replace existing stage outputs once each new one is complete.",
            doc =
                """
                Replace existing stage outputs (each only once its replacement is complete, and only \
                outputs this program wrote). Makes a retried scheduler task idempotent.""")
        boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public RunSettings {
    SettingsSchema.check(RunSettings.class, input, workDir, report, overwrite);
  }

  public static final String INPUT = "run.input";
  public static final String WORK_DIR = "run.work-dir";

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

  public String reportDir() {
    return workDir + "/report";
  }

  /** {@code config} with every stage's paths and overwrite flag set from this run. */
  public Config stageConfig(Config config) {
    Map<String, Object> paths = new LinkedHashMap<>();
    paths.put(IngestSettings.INPUT, input);
    paths.put(IngestSettings.OUTPUT, reviews());
    paths.put("ingest.overwrite", overwrite);
    paths.put(PrepareSettings.INPUT, reviews());
    paths.put(PrepareSettings.OUTPUT, prepared());
    paths.put("prepare.overwrite", overwrite);
    paths.put(TrainSettings.INPUT, prepared());
    paths.put(TrainSettings.OUTPUT, model());
    paths.put("train.overwrite", overwrite);
    paths.put(EvaluateSettings.MODEL, model());
    paths.put(EvaluateSettings.INPUT, prepared());
    paths.put(EvaluateSettings.OUTPUT, evaluation());
    paths.put("evaluate.overwrite", overwrite);
    paths.put(ReportSettings.EVALUATION, evaluation());
    paths.put(ReportSettings.MODEL, model());
    paths.put(ReportSettings.REVIEWS, reviews());
    paths.put(ReportSettings.OUTPUT, reportDir());
    paths.put("report.overwrite", overwrite);
    return ConfigFactory.parseMap(paths).withFallback(config);
  }
}
