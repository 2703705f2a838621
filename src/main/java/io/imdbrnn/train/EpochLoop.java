package io.imdbrnn.train;

import static org.apache.spark.sql.functions.rand;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.spark.BinaryMetrics;
import io.imdbrnn.spark.HistoryDataset;
import io.imdbrnn.spark.ModelScoring;
import io.imdbrnn.spark.SparkStage;
import io.imdbrnn.spark.TokenizedDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
   * bundleDir} and checkpointing after every epoch.
   *
   * @param resumed the checkpoint to continue from (its network is {@code net}), or null
   */
  Outcome run(
      MultiLayerNetwork net,
      int workers,
      String bundleDir,
      Checkpoints checkpoints,
      Checkpoints.Saved resumed,
      Map<String, Object> fingerprint) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    EarlyStopping stopping =
        new EarlyStopping(settings.earlyStoppingPatience(), settings.restoreBest());
    List<EpochProgress> history = new ArrayList<>();
    int epoch = 0;
    boolean stopped = false;
    double elapsedBefore = 0;
    if (resumed != null) {
      Checkpoints.State state = resumed.state();
      history.addAll(state.history());
      history.forEach(p -> appendHistory(bundleDir, p));
      stopping.restore(state.bestEpoch(), state.bestLoss(), resumed.bestParams());
      epoch = state.epoch();
      stopped = state.stopped();
      elapsedBefore = history.isEmpty() ? 0 : history.get(history.size() - 1).elapsedSeconds();
    }
    long start = System.nanoTime();
    MultiLayerNetwork current = net;
    while (!stopped && epoch < settings.epochs()) {
      epoch++;
      int e = epoch;
      long epochStart = System.nanoTime();
      // A training master per epoch, seeded by the epoch: a resumed run draws the same averaging
      // splits as an uninterrupted one.
      SparkDl4jMultiLayer sparkNet =
          new SparkDl4jMultiLayer(
              jsc, current, TrainingMasters.parameterAveraging(settings, workers, e));
      JavaRDD<org.nd4j.linalg.dataset.DataSet> batches =
          minibatches(fitRows, e, spec.maxLen(), workers);
      stage.run(
          String.format("epoch %d/%d: fitting", e, settings.epochs()), () -> sparkNet.fit(batches));
      // dl4j-spark caches the epoch's minibatches and never releases them.
      batches.unpersist(false);
      current = sparkNet.getNetwork();
      double trainLoss = sparkNet.getScore();
      MultiLayerNetwork fitted = current;
      BinaryMetrics validation =
          stage.step(
              String.format("epoch %d/%d: validating", e, settings.epochs()),
              () ->
                  BinaryMetrics.lossAndAccuracy(
                      ModelScoring.score(
                          validationRows,
                          fitted,
                          spec.maxLen(),
                          SCORING_BATCH,
                          spec.maskPadding())));
      long now = System.nanoTime();
      EpochProgress progress =
          new EpochProgress(
              e,
              settings.epochs(),
              trainLoss,
              validation.logLoss(),
              validation.accuracy(),
              fitCount,
              (now - epochStart) / 1e9,
              elapsedBefore + (now - start) / 1e9);
      LOG.info(progress.line());
      history.add(progress);
      appendHistory(bundleDir, progress);
      stopped = stopping.record(e, validation.logLoss(), fitted::params);
      if (stopped) {
        LOG.info(
            "Early stopping after epoch {}: no better validation loss since epoch {}",
            e,
            stopping.bestEpoch());
      }
      Checkpoints.State state =
          new Checkpoints.State(
              e, stopped, stopping.bestEpoch(), stopping.bestLoss(), history, fingerprint);
      stage.run(
          String.format("epoch %d/%d: checkpointing", e, settings.epochs()),
          () -> checkpoints.save(state, fitted, stopping.bestParams()));
    }
    if (history.isEmpty()) {
      throw new IllegalStateException("Training ran no epoch");
    }
    INDArray best = stopping.paramsToRestore(epoch);
    if (best != null) {
      LOG.info(
          "Restoring the parameters of epoch {} (validation loss {})",
          stopping.bestEpoch(),
          String.format("%.4f", stopping.bestLoss()));
      current.setParams(best);
    }
    return new Outcome(current, epoch, stopping.bestEpoch(), history.get(history.size() - 1));
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
