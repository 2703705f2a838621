package io.imdbrnn.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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

  /** Binds this format and format 1, whose provenance fields were at the top level. */
  @JsonCreator
  static BundleManifest read(
      @JsonProperty("formatVersion") int formatVersion,
      @JsonProperty("modelId") String modelId,
      @JsonProperty("network") Network network,
      @JsonProperty("rows") Map<String, Long> rows,
      @JsonProperty("epochsRun") int epochsRun,
      @JsonProperty("bestEpoch") int bestEpoch,
      @JsonProperty("validation") Map<String, Double> validation,
      @JsonProperty("provenance") Provenance provenance,
      @JsonProperty("settings") Map<String, Object> settings,
      @JsonProperty("preparedInput") String preparedInput,
      @JsonProperty("codeVersion") String codeVersion,
      @JsonProperty("versions") Map<String, String> versions,
      @JsonProperty("startedAt") String startedAt,
      @JsonProperty("endedAt") String endedAt) {
    Provenance p =
        provenance != null
            ? provenance
            : Provenance.legacy(settings, preparedInput, codeVersion, versions, startedAt, endedAt);
    return new BundleManifest(
        formatVersion, modelId, network, rows, epochsRun, bestEpoch, validation, p);
  }
}
