package io.imdbrnn.train;

import io.imdbrnn.bundle.BundleManifest;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.bundle.Provenance;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.VocabularyDataset;
import io.imdbrnn.fs.DataDigest;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.text.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Writes the model bundle of a finished training run: the vocabulary (read from the prepared data),
 * the provenance manifest (settings, network shape, data, timings, versions) and the network.
 */
final class BundleAssembler {
  private final SparkSession spark;
  private final TrainSettings settings;

  BundleAssembler(SparkSession spark, TrainSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  TrainResult write(
      String dir,
      NetworkSpec spec,
      PreparedManifest prepared,
      Map<String, Long> rows,
      EpochLoop.Outcome outcome,
      String startedAt) {
    MultiLayerNetwork net = outcome.network();
    EpochProgress last = outcome.last();
    VocabularyDataset.Words vocabulary =
        VocabularyDataset.words(spark, settings.input(), Vocabulary.FIRST_WORD_ID);
    List<String> words = vocabulary.words();
    List<Long> counts = vocabulary.counts();
    BundleManifest.Network network =
        new BundleManifest.Network(
            spec.cell().settingName(),
            spec.vocabSize(),
            spec.maxLen(),
            spec.embeddingSize(),
            spec.hiddenSize(),
            spec.maskPadding(),
            net.numParams());
    Map<String, Double> validation = new LinkedHashMap<>();
    validation.put("loss", last.validationLoss());
    validation.put("accuracy", last.validationAccuracy());
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.FORMAT_VERSION,
            UUID.randomUUID().toString(),
            network,
            rows,
            outcome.epochsRun(),
            outcome.bestEpoch(),
            validation,
            Provenance.of(
                SettingsSchema.manifestValues(settings),
                Redact.text(settings.input()),
                DataDigest.of(spark.sparkContext().hadoopConfiguration(), settings.input()),
                spark.version(),
                startedAt));
    new ModelBundle(net, new Vocabulary(words), counts, prepared, manifest)
        .write(spark.sparkContext().hadoopConfiguration(), dir);
    return new TrainResult(settings.output(), manifest);
  }
}
