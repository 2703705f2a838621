package io.imdbrnn.bundle;

import java.util.Map;

/**
 * {@code <bundle>/manifest.json}: what the model is and where it came from (the provenance a model
 * should carry): settings, network shape, data, timings, versions, and the final validation
 * figures.
 */
public record BundleManifest(
    int formatVersion,
    String modelId,
    Map<String, Object> settings,
    BundleManifest.Network network,
    String preparedInput,
    Map<String, Long> rows,
    int epochsRun,
    int bestEpoch,
    Map<String, Double> validation,
    String startedAt,
    String endedAt,
    String codeVersion,
    Map<String, String> versions) {
  public static final int FORMAT_VERSION = 1;

  /**
   * What the network is: enough to check a bundle's parts against each other and to score with it
   * (masking). Bundles written before {@code maskPadding} existed read as false.
   */
  public record Network(
      String cell,
      int vocabSize,
      int maxLen,
      int embeddingSize,
      int hiddenSize,
      boolean maskPadding,
      long parameters) {}
}
