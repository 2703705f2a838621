package io.imdbrnn.train;

import static org.apache.spark.sql.functions.rand;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.spark.BinaryMetrics;
import io.imdbrnn.spark.HistoryDataset;
import io.imdbrnn.spark.ModelScoring;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch loop: fit one shuffled pass with dl4j-spark, score the validation rows on the
 * executors, log a progress line and append a history row, and stop early when validation loss
 * stops improving.
 */
final class EpochLoop {
  private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);
  private static final int SCORING_BATCH = 256;

  /** The trained network and how training went. */
  record Outcome(MultiLayerNetwork network, int epochsRun, int bestEpoch, EpochProgress last) {}

  private final SparkSession spark;
  private final TrainSettings settings;
  private final SparkStage stage;
  private final NetworkSpec spec;
  private final Dataset<Row> fitRows;
  private final Dataset<Row> validationRows;
  private final long fitCount;

  EpochLoop(
      SparkSession spark,
      TrainSettings settings,
      SparkStage stage,
      NetworkSpec spec,
      Dataset<Row> fitRows,
      Dataset<Row> validationRows,
      long fitCount) {
    this.spark = spark;
    this.settings = settings;
    this.stage = stage;
    this.spec = spec;
    this.fitRows = fitRows;
    this.validationRows = validationRows;
    this.fitCount = fitCount;
  }

  /**
   * Trains {@code net} for up to {@code train.epochs} epochs, appending history under {@code
   * bundleDir}.
   */
  Outcome run(MultiLayerNetwork net, int workers, String bundleDir) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkDl4jMultiLayer sparkNet =
        new SparkDl4jMultiLayer(jsc, net, TrainingMasters.parameterAveraging(settings, workers));
    long start = System.nanoTime();
    EarlyStopping stopping =
        new EarlyStopping(settings.earlyStoppingPatience(), settings.restoreBest());
    EpochProgress last = null;
    int epoch = 0;
    while (epoch < settings.epochs()) {
      epoch++;
      int e = epoch;
      long epochStart = System.nanoTime();
      JavaRDD<org.nd4j.linalg.dataset.DataSet> batches =
          minibatches(fitRows, e, spec.maxLen(), workers);
      stage.run(
          String.format("epoch %d/%d: fitting", e, settings.epochs()), () -> sparkNet.fit(batches));
      // dl4j-spark caches the epoch's minibatches and never releases them.
      batches.unpersist(false);
      double trainLoss = sparkNet.getScore();
      BinaryMetrics validation =
          stage.step(
              String.format("epoch %d/%d: validating", e, settings.epochs()),
              () ->
                  BinaryMetrics.lossAndAccuracy(
                      ModelScoring.score(
                          validationRows,
                          sparkNet.getNetwork(),
                          spec.maxLen(),
                          SCORING_BATCH,
                          spec.maskPadding())));
      long now = System.nanoTime();
      last =
          new EpochProgress(
              e,
              settings.epochs(),
              trainLoss,
              validation.logLoss(),
              validation.accuracy(),
              fitCount,
              (now - epochStart) / 1e9,
              (now - start) / 1e9);
      LOG.info(last.line());
      appendHistory(bundleDir, last);
      if (stopping.record(e, validation.logLoss(), () -> sparkNet.getNetwork().params())) {
        LOG.info(
            "Early stopping after epoch {}: no better validation loss since epoch {}",
            e,
            stopping.bestEpoch());
        break;
      }
    }
    MultiLayerNetwork trained = sparkNet.getNetwork();
    INDArray best = stopping.paramsToRestore(epoch);
    if (best != null) {
      LOG.info(
          "Restoring the parameters of epoch {} (validation loss {})",
          stopping.bestEpoch(),
          String.format("%.4f", stopping.bestLoss()));
      trained.setParams(best);
    }
    return new Outcome(trained, epoch, stopping.bestEpoch(), last);
  }

  /**
   * One epoch's minibatches: the rows reshuffled with an epoch-specific seed, batched on the
   * executors.
   */
  /**
   * One epoch's minibatches in exactly {@code workers} partitions, so dl4j-spark hands each worker
   * one partition without a shuffle per averaging round.
   */
  private JavaRDD<org.nd4j.linalg.dataset.DataSet> minibatches(
      Dataset<Row> fitRows, int epoch, int maxLen, int workers) {
    DataSetBatches.Options options =
        new DataSetBatches.Options(
            settings.batchSize(),
            maxLen,
            settings.maskPadding(),
            settings.bucketByLength() ? settings.bucketPoolBatches() : 0);
    long seed = settings.seed() * 1_000_003L + epoch;
    Dataset<Row> shuffled = fitRows.orderBy(rand(settings.seed() + epoch)).coalesce(workers);
    int tokensField = shuffled.schema().fieldIndex(TokenizedDataset.TOKENS);
    int labelField = shuffled.schema().fieldIndex(TokenizedDataset.LABEL);
    return shuffled
        .javaRDD()
        .mapPartitionsWithIndex(
            (partition, rows) ->
                new DataSetBatches(rows, options, tokensField, labelField, seed + partition),
            false);
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
}
