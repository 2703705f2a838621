package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.CellType;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.PreparedManifest;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
              settings.seed(),
              settings.maskPadding());
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
      EpochLoop loop =
          new EpochLoop(spark, settings, stage, spec, fitRows, validationRows, fitCount);
      TrainResult[] result = new TrainResult[1];
      output.write(
          temp -> {
            EpochLoop.Outcome outcome = loop.run(net, workers, temp);
            result[0] =
                new BundleAssembler(spark, settings)
                    .write(temp, spec, prepared, rows, outcome, startedAt);
          });
      return result[0];
    } finally {
      fitRows.unpersist();
      validationRows.unpersist();
    }
  }
}
