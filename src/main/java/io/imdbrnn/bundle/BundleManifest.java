package io.imdbrnn.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code <bundle>/manifest.json}: what the model is (network shape, data rows, epochs, the final
 * validation figures) and its {@link Provenance}; for an ensemble, each member's training.
 */
public record BundleManifest(
    int formatVersion,
    String modelId,
    BundleManifest.Network network,
    Map<String, Long> rows,
    int epochsRun,
    int bestEpoch,
    Map<String, Double> validation,
    Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Member> members) {
  /** 2: provenance is one typed record. 1 kept its fields at the top level (still read). */
  public static final int FORMAT_VERSION = 2;

  /**
   * 3: an ensemble, whose members after the first are in {@code model-N.zip}; written only for
   * ensembles, so a version that cannot score them refuses them instead of scoring with one member.
   */
  public static final int ENSEMBLE_FORMAT_VERSION = 3;

  /** The format a bundle of {@code members} networks is written in. */
  public static int formatFor(int members) {
    return members > 1 ? ENSEMBLE_FORMAT_VERSION : FORMAT_VERSION;
  }

  /** The networks the bundle holds: 1 but for an ensemble. */
  public int memberCount() {
    return members == null ? 1 : members.size();
  }

  /**
   * What the network is: enough to check a bundle's parts against each other and to score with it
   * (masking). Bundles written before {@code maskPadding} existed read as false. {@code parameters}
   * counts every member's.
   */
  public record Network(
      String cell,
      int vocabSize,
      int maxLen,
      int embeddingSize,
      int hiddenSize,
      boolean maskPadding,
      long parameters) {}

  /** One member of an ensemble: its seed, epochs run, best epoch and last validation figures. */
  public record Member(long seed, int epochsRun, int bestEpoch, Map<String, Double> validation) {}
}
