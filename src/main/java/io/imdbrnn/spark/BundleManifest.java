package io.imdbrnn.spark;

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
    Map<String, Object> network,
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
}
