package io.imdbrnn.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Settings of {@code promote} ({@code promote.*} in the config). */
public record PromoteSettings(
    @Setting(
            runOnly = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                The candidate: a model bundle written by `train`. Required unless rolling back.""")
        String model,
    @Setting(
            runOnly = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                The candidate's evaluation (the output of `evaluate`): its accuracy is the \
                candidate's, and its reviews are the data the champion is re-scored on. Required \
                unless rolling back.""")
        String evaluation,
    @Setting(
            runOnly = true,
            value = "\"\"",
            label = "PATH",
            doc =
                """
                The reviews dataset (the output of `ingest`) the evaluation's data was prepared from: \
                the champion reads the same reviews as text, through its own vocabulary. Required \
                unless rolling back.""")
        String reviews,
    @Setting(
            runOnly = true,
            value = "\"\"",
            required = true,
            label = "PATH",
            doc =
                """
                The model registry, conventionally <data_root>/registry: models/ (every promoted \
                bundle), champion.json (the model in service) and decisions/ (the decision log). \
                Created by the first promotion. `predict`, `evaluate` and the Spark ML model accept \
                it as a model path and load its champion.""")
        String registry,
    @Setting(
            value = "0.005",
            min = 0,
            max = 1,
            doc =
                """
                The candidate is promoted unless its accuracy is below the champion's by more than \
                this (on the same reviews): a model that is as good within noise still replaces an \
                older one, a worse one never does.""")
        double tolerance,
    @Setting(
            value = "0.5",
            min = 0,
            max = 1,
            doc =
                """
                A candidate below this accuracy is never promoted, not even into an empty \
                registry.""")
        double minAccuracy,
    @Setting(
            value = "false",
            doc =
                """
                Instead of promoting, make the previous champion the champion again (recorded in \
                the decision log like a promotion).""")
        boolean rollback,
    @Setting(
            value = "256",
            min = 1,
            max = 65_536,
            doc = "Reviews per scoring minibatch when re-scoring the champion.")
        int batchSize,
    @Setting(
            value = "600",
            min = 0,
            max = 86_400,
            doc =
                """
                Seconds a promotion or rollback waits for another one on the same registry to                 finish. Two runs against one registry take turns; one that is still waiting                 after this fails with exit 1, naming the other, so a scheduler retries it.""")
        int lockWaitSeconds,
    @Setting(
            value = "600",
            min = 10,
            max = 86_400,
            doc =
                """
                A registry lock that its holder has not refreshed for this many seconds is stale                 and is taken over (the holder refreshes it every quarter of this). A lock whose                 process has died on the same host is taken over at once.""")
        int lockStaleSeconds)
    implements StagePaths {
  /** Checks the declared ranges, whoever builds the record. */
  public PromoteSettings {
    SettingsSchema.check(
        PromoteSettings.class,
        model,
        evaluation,
        reviews,
        registry,
        tolerance,
        minAccuracy,
        rollback,
        batchSize,
        lockWaitSeconds,
        lockStaleSeconds);
  }

  public static final String MODEL = "promote.model";
  public static final String EVALUATION = "promote.evaluation";
  public static final String REVIEWS = "promote.reviews";
  public static final String REGISTRY = "promote.registry";

  @Override
  public String input() {
    return evaluation;
  }

  @Override
  public String output() {
    return registry;
  }

  /** Never replaced: the registry is changed in place, one rename at a time. */
  @Override
  public boolean overwrite() {
    return false;
  }

  @Override
  public String section() {
    return "promote";
  }

  @Override
  public String inputKey() {
    return EVALUATION;
  }

  @Override
  public String outputKey() {
    return REGISTRY;
  }

  /**
   * The candidate's inputs, key to path, each required unless rolling back.
   *
   * @throws io.imdbrnn.errors.BadInputException naming the first one missing
   */
  public Map<String, String> candidateInputs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MODEL, model);
    m.put(EVALUATION, evaluation);
    m.put(REVIEWS, reviews);
    m.forEach(
        (key, path) -> {
          if (path.isBlank()) {
            throw new io.imdbrnn.errors.BadInputException(
                key + " is required unless promote.rollback is set.");
          }
        });
    return m;
  }

  @Override
  public Map<String, String> otherInputs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MODEL, model);
    m.put(REVIEWS, reviews);
    return m;
  }
}
