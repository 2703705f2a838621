package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.xxhash64;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.features.Vocabulary;
import io.imdbrnn.model.CellType;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.BinaryMetrics;
import io.imdbrnn.spark.BuildInfo;
import io.imdbrnn.spark.BundleManifest;
import io.imdbrnn.spark.HistoryDataset;
import io.imdbrnn.spark.ModelBundle;
import io.imdbrnn.spark.ModelScoring;
import io.imdbrnn.spark.PreparedManifest;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import io.imdbrnn.spark.VocabularyDataset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: trains the network on the prepared train split across Spark executors and writes a model
 * bundle. The split's rows are divided into training and validation by a seeded hash of the review
 * id (stable across runs and cluster sizes), cached as DataFrames, reshuffled every epoch and
 * turned into minibatches on the executors; the training data never reaches the driver. After each
 * epoch the validation rows are scored on the executors, a progress line is logged and a history
 * row appended.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  private static final int SCORING_BATCH = 256;

  /** Resolution of the validation split: fractions are applied in steps of 1e-6. */
  private static final int SPLIT_BUCKETS = 1_000_000;

  private final SparkSession spark;
  private final TrainSettings settings;

  public TrainJob(SparkSession spark, TrainSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** True for rows held out for validation; a pure function of the id and the seed. */
  public static Column isValidation(double fraction, long seed) {
    return pmod(xxhash64(lit(seed), col(TokenizedDataset.ID)), lit(SPLIT_BUCKETS))
        .lt(lit((long) Math.round(fraction * SPLIT_BUCKETS)));
  }

  public TrainResult execute() {
    var hadoopConf = spark.sparkContext().hadoopConfiguration();
    AtomicOutput output = AtomicOutput.forStage(hadoopConf, settings);
    String startedAt = Instant.now().toString();
    PreparedManifest prepared = PreparedManifest.read(hadoopConf, settings.input());
    Dataset<Row> train =
        TokenizedDataset.read(spark, settings.input())
            .filter(col(TokenizedDataset.SPLIT).equalTo("train"));
    Column held = isValidation(settings.validationFraction(), settings.seed());
    Dataset<Row> fitRows =
        train
            .filter(held.unary_$bang())
            .select(TokenizedDataset.ID, TokenizedDataset.LABEL, TokenizedDataset.TOKENS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> validationRows =
        train
            .filter(held)
            .select(TokenizedDataset.ID, TokenizedDataset.LABEL, TokenizedDataset.TOKENS)
            .persist(StorageLevel.MEMORY_AND_DISK());
    SparkStage stage = new SparkStage(spark, "train");
    try {
      long fitCount = stage.step("splitting train/validation", fitRows::count);
      long validationCount = validationRows.count();
      if (fitCount == 0 || validationCount == 0) {
        throw new IllegalArgumentException(
            String.format(
                "Prepared dataset %s has %d train rows for fitting and %d for validation; both must be non-empty.",
                settings.input(), fitCount, validationCount));
      }
      NetworkSpec spec =
          new NetworkSpec(
              CellType.fromSettingName(settings.cell()),
              prepared.vocabSize(),
              prepared.maxLen(),
              settings.embeddingSize(),
              settings.hiddenSize(),
              settings.learningRate(),
              settings.seed());
      MultiLayerNetwork net = NetworkFactory.create(spec);
      int workers =
          settings.workers() > 0 ? settings.workers() : spark.sparkContext().defaultParallelism();
      LOG.info(
          "Training {} ({} parameters) on {} rows, validating on {}, {} workers, {} epochs",
          spec,
          net.numParams(),
          fitCount,
          validationCount,
          workers,
          settings.epochs());
      Map<String, Long> rows = Map.of("fit", fitCount, "validation", validationCount);
      TrainResult[] result = new TrainResult[1];
      output.write(
          temp ->
              result[0] =
                  train(
                      temp,
                      stage,
                      spec,
                      net,
                      workers,
                      fitRows,
                      validationRows,
                      prepared,
                      rows,
                      startedAt));
      return result[0];
    } finally {
      fitRows.unpersist();
      validationRows.unpersist();
    }
  }

  private TrainResult train(
      String bundleDir,
      SparkStage stage,
      NetworkSpec spec,
      MultiLayerNetwork net,
      int workers,
      Dataset<Row> fitRows,
      Dataset<Row> validationRows,
      PreparedManifest prepared,
      Map<String, Long> rows,
      String startedAt) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkDl4jMultiLayer sparkNet =
        new SparkDl4jMultiLayer(jsc, net, TrainingMasters.parameterAveraging(settings, workers));
    long start = System.nanoTime();
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    INDArray bestParams = null;
    EpochProgress last = null;
    int epoch = 0;
    while (epoch < settings.epochs()) {
      epoch++;
      int e = epoch;
      long epochStart = System.nanoTime();
      JavaRDD<org.nd4j.linalg.dataset.DataSet> batches = minibatches(fitRows, e, spec.maxLen());
      stage.run(
          String.format("epoch %d/%d: fitting", e, settings.epochs()), () -> sparkNet.fit(batches));
      double trainLoss = sparkNet.getScore();
      BinaryMetrics validation =
          stage.step(
              String.format("epoch %d/%d: validating", e, settings.epochs()),
              () ->
                  BinaryMetrics.lossAndAccuracy(
                      ModelScoring.score(
                          validationRows, sparkNet.getNetwork(), spec.maxLen(), SCORING_BATCH)));
      long now = System.nanoTime();
      last =
          new EpochProgress(
              e,
              settings.epochs(),
              trainLoss,
              validation.logLoss(),
              validation.accuracy(),
              rows.get("fit"),
              (now - epochStart) / 1e9,
              (now - start) / 1e9);
      LOG.info(last.line());
      appendHistory(bundleDir, last);
      if (validation.logLoss() < bestLoss) {
        bestLoss = validation.logLoss();
        bestEpoch = e;
        bestParams =
            settings.earlyStoppingPatience() > 0 ? sparkNet.getNetwork().params().dup() : null;
      } else if (settings.earlyStoppingPatience() > 0
          && e - bestEpoch >= settings.earlyStoppingPatience()) {
        LOG.info(
            "Early stopping after epoch {}: no better validation loss since epoch {}",
            e,
            bestEpoch);
        break;
      }
    }
    MultiLayerNetwork trained = sparkNet.getNetwork();
    if (bestParams != null && settings.restoreBest() && bestEpoch != epoch) {
      LOG.info(
          "Restoring the parameters of epoch {} (validation loss {})",
          bestEpoch,
          String.format("%.4f", bestLoss));
      trained.setParams(bestParams);
    }
    return writeBundle(bundleDir, trained, spec, prepared, rows, epoch, bestEpoch, last, startedAt);
  }

  /**
   * One epoch's minibatches: the rows reshuffled with an epoch-specific seed, batched on the
   * executors.
   */
  private JavaRDD<org.nd4j.linalg.dataset.DataSet> minibatches(
      Dataset<Row> fitRows, int epoch, int maxLen) {
    int batchSize = settings.batchSize();
    Dataset<Row> shuffled = fitRows.orderBy(rand(settings.seed() + epoch));
    int tokensField = shuffled.schema().fieldIndex(TokenizedDataset.TOKENS);
    int labelField = shuffled.schema().fieldIndex(TokenizedDataset.LABEL);
    return shuffled
        .javaRDD()
        .mapPartitions(
            rows -> new DataSetBatches(rows, batchSize, maxLen, tokensField, labelField));
  }

  private void appendHistory(String bundleDir, EpochProgress p) {
    Row row =
        RowFactory.create(
            p.epoch(),
            p.trainLoss(),
            p.validationLoss(),
            p.validationAccuracy(),
            p.samples(),
            p.samplesPerSecond(),
            p.epochSeconds(),
            p.elapsedSeconds());
    spark
        .createDataFrame(List.of(row), HistoryDataset.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .parquet(HistoryDataset.path(bundleDir));
  }

  private TrainResult writeBundle(
      String dir,
      MultiLayerNetwork net,
      NetworkSpec spec,
      PreparedManifest prepared,
      Map<String, Long> rows,
      int epochsRun,
      int bestEpoch,
      EpochProgress last,
      String startedAt) {
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
            settings.input(),
            rows,
            epochsRun,
            bestEpoch,
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
    m.put(TrainSettings.EARLY_STOPPING_PATIENCE, settings.earlyStoppingPatience());
    m.put(TrainSettings.RESTORE_BEST, settings.restoreBest());
    return m;
  }
}
