package io.imdbrnn.bundle;

import java.util.Map;

/**
 * {@code <bundle>/manifest.json}: what the model is (network shape, data rows, epochs, the final
 * validation figures) and its {@link Provenance}.
 */
public record BundleManifest(
    int formatVersion,
    String modelId,
    BundleManifest.Network network,
    Map<String, Long> rows,
    int epochsRun,
    int bestEpoch,
    Map<String, Double> validation,
    Provenance provenance) {
  /** 2: provenance is one typed record. 1 kept its fields at the top level (still read). */
  public static final int FORMAT_VERSION = 2;

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
