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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The model bundle of a finished training, in memory: the network, the vocabulary with its train
 * counts, the prepared data's manifest, and the provenance manifest (settings, network shape, data,
 * timings, versions).
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
    MultiLayerNetwork net = trained.network();
    BundleManifest.Network network =
        new BundleManifest.Network(
            spec.cell().settingName(),
            spec.vocabSize(),
            spec.maxLen(),
            spec.embeddingSize(),
            spec.hiddenSize(),
            spec.maskPadding(),
            net.numParams());
    // Empty when nothing was held out (validation-fraction 0): JSON has no NaN.
    Map<String, Double> validation = new LinkedHashMap<>();
    if (!Double.isNaN(trained.validationLoss())) {
      validation.put("loss", trained.validationLoss());
      validation.put("accuracy", trained.validationAccuracy());
    }
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.FORMAT_VERSION,
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
                .withSources(sources));
    return new ModelBundle(net, vocabulary, counts, prepared, manifest);
  }
}
