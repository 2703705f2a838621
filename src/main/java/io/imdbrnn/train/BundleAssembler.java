package io.imdbrnn.train;

import io.imdbrnn.config.Redact;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.features.Vocabulary;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.spark.BuildInfo;
import io.imdbrnn.spark.BundleManifest;
import io.imdbrnn.spark.ModelBundle;
import io.imdbrnn.spark.PreparedManifest;
import io.imdbrnn.spark.VocabularyDataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
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
    List<Row> vocabRows =
        VocabularyDataset.read(spark, settings.input())
            .orderBy(VocabularyDataset.ID)
            .collectAsList();
    List<String> words = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (Row r : vocabRows) {
      if (r.getInt(0) >= Vocabulary.FIRST_WORD_ID) {
        words.add(r.getString(1));
        counts.add(r.getLong(2));
      }
    }
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("cell", spec.cell().settingName());
    network.put("vocabSize", spec.vocabSize());
    network.put("maxLen", spec.maxLen());
    network.put("embeddingSize", spec.embeddingSize());
    network.put("hiddenSize", spec.hiddenSize());
    network.put(ModelBundle.MASK_PADDING, spec.maskPadding());
    network.put("parameters", net.numParams());
    Map<String, Double> validation = new LinkedHashMap<>();
    validation.put("loss", last.validationLoss());
    validation.put("accuracy", last.validationAccuracy());
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("spark", spark.version());
    versions.put("deeplearning4j", "1.0.0-M2");
    versions.put("java", System.getProperty("java.version"));
    BundleManifest manifest =
        new BundleManifest(
            BundleManifest.FORMAT_VERSION,
            UUID.randomUUID().toString(),
            settingsMap(),
            network,
            Redact.text(settings.input()),
            rows,
            outcome.epochsRun(),
            outcome.bestEpoch(),
            validation,
            startedAt,
            Instant.now().toString(),
            BuildInfo.version(),
            versions);
    new ModelBundle(net, new Vocabulary(words), prepared, manifest)
        .write(spark.sparkContext().hadoopConfiguration(), dir, counts);
    return new TrainResult(settings.output(), manifest);
  }

  private Map<String, Object> settingsMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(TrainSettings.CELL, settings.cell());
    m.put(TrainSettings.EMBEDDING_SIZE, settings.embeddingSize());
    m.put(TrainSettings.HIDDEN_SIZE, settings.hiddenSize());
    m.put(TrainSettings.EPOCHS, settings.epochs());
    m.put(TrainSettings.LEARNING_RATE, settings.learningRate());
    m.put(TrainSettings.BATCH_SIZE, settings.batchSize());
    m.put(TrainSettings.AVERAGING_FREQUENCY, settings.averagingFrequency());
    m.put(TrainSettings.WORKERS, settings.workers());
    m.put(TrainSettings.VALIDATION_FRACTION, settings.validationFraction());
    m.put(TrainSettings.SEED, settings.seed());
    m.put(TrainSettings.MASK_PADDING, settings.maskPadding());
    m.put(TrainSettings.BUCKET_BY_LENGTH, settings.bucketByLength());
    m.put(TrainSettings.BUCKET_POOL_BATCHES, settings.bucketPoolBatches());
    m.put(TrainSettings.EARLY_STOPPING_PATIENCE, settings.earlyStoppingPatience());
    m.put(TrainSettings.RESTORE_BEST, settings.restoreBest());
    return m;
  }
}
