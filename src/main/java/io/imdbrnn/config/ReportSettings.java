package io.imdbrnn.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of {@code report} ({@code report.*} in the config). */
public record ReportSettings(
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                The evaluation to report: the output of `evaluate`, or of `baseline` (which is laid \
                out the same way).""")
        String evaluation,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                The model bundle the evaluation scored: its training history (loss and accuracy per \
                epoch), settings and provenance go into the report. Empty for a baseline, whose \
                settings sit in its own output.""")
        String model,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                The reviews dataset (the output of `ingest`) the evaluation's data came from: gives \
                the accuracy by review length and the text of the most confidently wrong reviews, \
                and is what a champion is re-scored on. Empty: those parts are left out.""")
        String reviews,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                A baseline's output (the `baseline` command) on the same test reviews, shown beside \
                the model. Empty: none.""")
        String baseline,
    @Setting(
            value = "\"\"",
            label = "PATH",
            doc =
                """
                A model registry: its champion, re-scored on the same reviews (needs \
                report.reviews), is shown beside the model. Empty, or a registry without a \
                champion: none.""")
        String registry,
    @Setting(
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                Where report.html (self-contained: figures inline) and the same figures as PNG \
                files are written.""")
        String output,
    @Setting(
            value = "256",
            min = 1,
            max = 65_536,
            doc = "Reviews per scoring minibatch when re-scoring the champion.")
        int batchSize,
    @Setting(value = "false", doc = StagePaths.OVERWRITE_DOC) boolean overwrite)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public ReportSettings {
    SettingsSchema.check(
        ReportSettings.class,
        evaluation,
        model,
        reviews,
        baseline,
        registry,
        output,
        batchSize,
        overwrite);
  }

  public static final String EVALUATION = "report.evaluation";
  public static final String MODEL = "report.model";
  public static final String REVIEWS = "report.reviews";
  public static final String BASELINE = "report.baseline";
  public static final String REGISTRY = "report.registry";
  public static final String OUTPUT = "report.output";

  @Override
  public String input() {
    return evaluation;
  }

  @Override
  public String section() {
    return "report";
  }

  @Override
  public String inputKey() {
    return EVALUATION;
  }

  @Override
  public Map<String, String> otherInputs() {
    Map<String, String> m = new LinkedHashMap<>();
    for (var e :
        Map.of(MODEL, model, REVIEWS, reviews, BASELINE, baseline, REGISTRY, registry).entrySet()) {
      if (!e.getValue().isEmpty()) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m;
  }
}
