package io.imdbrnn.train;

import io.imdbrnn.bundle.BundleManifest;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.text.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * The model bundle of a finished training, in memory: the network (or an ensemble's members), the
 * vocabulary with its train counts, the prepared data's manifest, and the provenance manifest
 * (settings, network shape, data, timings, versions).
 */
public final class BundleAssembler {
  private BundleAssembler() {}

  /**
   * @param input where the training data came from (redacted before it is recorded)
   * @param inputDigest its digest ({@link io.imdbrnn.fs.DataDigest}); null when it has none (a
   *     DataFrame)
   * @param sources other files that shaped the network, with their digests (word vectors)
   */
  public static ModelBundle assemble(
      SparkSession spark,
      TrainSettings settings,
      NetworkSpec spec,
      PreparedManifest prepared,
      Vocabulary vocabulary,
      List<Long> counts,
      Trained trained,
      String input,
      String inputDigest,
      Map<String, String> sources,
      String startedAt) {
    BundleManifest.Network network =
        new BundleManifest.Network(
            spec.cell().settingName(),
            spec.vocabSize(),
            spec.maxLen(),
            spec.embeddingSize(),
            spec.hiddenSize(),
            spec.maskPadding(),
            trained.networks().numParams());
    Map<String, Double> validation =
        validation(trained.validationLoss(), trained.validationAccuracy());
    List<BundleManifest.Member> members =
        trained.members().size() == 1
            ? null
            : trained.members().stream()
                .map(
                    m ->
                        new BundleManifest.Member(
                            m.seed(),
                            m.epochsRun(),
                            m.bestEpoch(),
                            validation(m.validationLoss(), m.validationAccuracy())))
                .toList();
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.formatFor(trained.members().size()),
            UUID.randomUUID().toString(),
            network,
            trained.rows(),
            trained.epochsRun(),
            trained.bestEpoch(),
            validation,
            Provenance.of(
                    SettingsSchema.manifestValues(settings),
                    Redact.text(input),
                    inputDigest,
                    spark.version(),
                    startedAt)
                .withSources(sources),
            members);
    return new ModelBundle(trained.networks(), vocabulary, counts, prepared, manifest);
  }

  /** Empty when nothing was held out (validation-fraction 0): JSON has no NaN. */
  private static Map<String, Double> validation(double loss, double accuracy) {
    Map<String, Double> figures = new LinkedHashMap<>();
    if (!Double.isNaN(loss)) {
      figures.put("loss", loss);
      figures.put("accuracy", accuracy);
    }
    return figures;
  }
}
