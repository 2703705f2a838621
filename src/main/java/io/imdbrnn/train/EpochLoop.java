package io.imdbrnn.train;

import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.HistoryDataset;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.runtime.JobProgress;
import io.imdbrnn.runtime.StageRun;
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

  /** How often a long epoch logs how far its fitting is. */
  private static final java.time.Duration PROGRESS_EVERY = java.time.Duration.ofSeconds(30);

  /** The trained network and how training went. */
  record Outcome(MultiLayerNetwork network, int epochsRun, int bestEpoch, EpochProgress last) {}

  private final SparkSession spark;
  private final TrainSettings settings;
  private final StageRun stage;
  private final NetworkSpec spec;
  private final TrainingTask task;
  private final Dataset<Row> fitRows;
  private final Dataset<Row> validationRows;
  private final long samples;
  private final double lossPerSample;

  /** Layers train.freeze-epochs holds at learning rate 0 (see NetworkStart#pretrainedLayers). */
  private final List<Integer> pretrainedLayers;

  /** Which ensemble member this trains (from 1; 0 for a single network) and its log prefix. */
  private int member;

  private String memberLabel = "";

  EpochLoop(
      SparkSession spark,
      TrainSettings settings,
      StageRun stage,
      NetworkSpec spec,
      TrainingTask task,
      Dataset<Row> fitRows,
      Dataset<Row> validationRows,
      long fitRowCount,
      long samples,
      List<Integer> pretrainedLayers) {
    this.spark = spark;
    this.settings = settings;
    this.pretrainedLayers = List.copyOf(pretrainedLayers);
    this.stage = stage;
    this.spec = spec;
    this.task = task;
    this.fitRows = fitRows;
    this.validationRows = validationRows;
    this.samples = samples;
    // DL4J scores a minibatch per row (a window's loss is summed over its characters); the
    // progress line reports the loss per sample it counts, so both tasks read alike.
    this.lossPerSample = samples == 0 ? 1 : (double) fitRowCount / samples;
  }

  /**
   * Marks this loop as training member {@code index} (from 1) of an ensemble: its log lines and
   * steps start with {@code label}, its history rows carry the index.
   */
  EpochLoop member(int index, String label) {
    this.member = index;
    this.memberLabel = label;
    return this;
  }

  /** Where training stands between epochs: what a checkpoint records and a resume restores. */
  private static final class Progress {
    final List<EpochProgress> history = new ArrayList<>();
    MultiLayerNetwork network;
    double score;
    int epoch;
    boolean stopped;
    double elapsedBefore;
  }

  /**
   * Trains {@code net} for up to {@code train.epochs} epochs, appending history under {@code
   * bundleDir} and checkpointing after every epoch.
   *
   * @param bundleDir where the history goes; null for none (a fit without storage)
   * @param checkpoints where checkpoints go; null for none
   * @param resumed the checkpoint to continue from (its network is {@code net}), or null
   */
  Outcome run(
      MultiLayerNetwork net,
      int workers,
      String bundleDir,
      Checkpoints checkpoints,
      Checkpoints.Saved resumed,
      Map<String, Object> fingerprint) {
    EarlyStopping stopping =
        new EarlyStopping(
            settings.earlyStoppingPatience(),
            settings.restoreBest(),
            settings.earlyStoppingMetric());
    Progress progress = startOrResume(net, resumed, stopping, bundleDir);
    if (workers == 1) {
      LOG.info(
          "One worker: each epoch is one averaging round (averaging a lone worker is a no-op)");
    }
    try (ShardedBatches<?> shards = ShardedBatches.of(fitRows, task.batcher(fitRows.schema()))) {
      epochs(progress, shards, workers, bundleDir, stopping, checkpoints, fingerprint);
    }
    if (progress.history.isEmpty()) {
      throw new IllegalStateException("Training ran no epoch");
    }
    restoreBest(progress, stopping);
    return new Outcome(
        progress.network,
        progress.epoch,
        stopping.bestEpoch(),
        progress.history.get(progress.history.size() - 1));
  }

  private void epochs(
      Progress progress,
      ShardedBatches<?> shards,
      int workers,
      String bundleDir,
      EarlyStopping stopping,
      Checkpoints checkpoints,
      Map<String, Object> fingerprint) {
    long start = System.nanoTime();
    while (!progress.stopped && progress.epoch < settings.epochs()) {
      int e = ++progress.epoch;
      long epochStart = System.nanoTime();
      double trainLoss = fitEpoch(progress, shards, workers, e);
      TrainingTask.Validation validation = validate(progress.network, e);
      boolean validated = !Double.isNaN(validation.loss());
      EpochProgress line =
          new EpochProgress(
              e,
              settings.epochs(),
              trainLoss * lossPerSample,
              validation.loss(),
              validation.accuracy(),
              samples,
              (System.nanoTime() - epochStart) / 1e9,
              progress.elapsedBefore + (System.nanoTime() - start) / 1e9);
      record(progress, line, bundleDir);
      DivergenceWarning.of(e, trainLoss * lossPerSample, spec.choices()).ifPresent(LOG::warn);
      progress.stopped = validated && stopping.record(e, validation, progress.network::params);
      if (progress.stopped) {
        LOG.info(
            "{}Early stopping after epoch {}: no better {} since epoch {}",
            memberLabel,
            e,
            stopping.watched(),
            stopping.bestEpoch());
      }
      checkpoint(progress, stopping, checkpoints, fingerprint);
    }
  }

  /** Epoch 0, or where the checkpoint left off (its history is written to the bundle again). */
  private Progress startOrResume(
      MultiLayerNetwork net, Checkpoints.Saved resumed, EarlyStopping stopping, String bundleDir) {
    Progress p = new Progress();
    p.network = net;
    if (resumed != null) {
      Checkpoints.State state = resumed.state();
      p.history.addAll(state.history());
      p.history.forEach(h -> appendHistory(bundleDir, h));
      stopping.restore(state.bestEpoch(), state.best(), resumed.bestParams());
      p.epoch = state.epoch();
      p.stopped = state.stopped();
      p.elapsedBefore =
          p.history.isEmpty() ? 0 : p.history.get(p.history.size() - 1).elapsedSeconds();
    }
    return p;
  }

  /** One shuffled pass under dl4j-spark parameter averaging; returns the training loss. */
  private double fitEpoch(Progress p, ShardedBatches<?> shards, int workers, int e) {
    if (settings.learningRateDecay() != 1 || settings.freezeEpochs() > 0) {
      // Set on the driver's network before dl4j-spark broadcasts its configuration for the epoch;
      // a function of the epoch alone, so a resumed run continues the schedule.
      double rate = settings.learningRate() * Math.pow(settings.learningRateDecay(), e - 1);
      p.network.setLearningRate(rate);
      boolean frozen = e <= settings.freezeEpochs() && !pretrainedLayers.isEmpty();
      if (frozen) {
        // Adam at rate 0 moves nothing but keeps its moments, so the layers thaw smoothly.
        for (int layer : pretrainedLayers) {
          p.network.setLearningRate(layer, 0.0);
        }
      }
      LOG.info(
          "Epoch {}: learning rate {}{}",
          e,
          String.format("%.3g", rate),
          frozen
              ? ", 0 for the pretrained layers " + pretrainedLayers + " (train.freeze-epochs)"
              : "");
    }
    JavaRDD<org.nd4j.linalg.dataset.DataSet> batches =
        shards.epoch(settings.seed() * 1_000_003L + e);
    stage.run(
        step(e, "fitting"),
        () -> {
          // Cached at the level dl4j-spark asks for (its own persist is then a no-op), and counted
          // here so the master can size its rounds; dl4j-spark's count then reads the cache.
          long batching = System.nanoTime();
          batches.persist(TrainingMasters.STORAGE);
          long count = batches.count();
          LOG.info(
              "Epoch {}: {} minibatches batched from the shards and cached in {} s",
              e,
              count,
              String.format("%.2f", (System.nanoTime() - batching) / 1e9));
          // A training master per epoch, seeded by the epoch: a resumed run draws the same
          // averaging splits as an uninterrupted one.
          SparkDl4jMultiLayer sparkNet =
              new SparkDl4jMultiLayer(
                  JavaSparkContext.fromSparkContext(spark.sparkContext()),
                  p.network,
                  TrainingMasters.parameterAveraging(settings, workers, e, count));
          int roundLength =
              TrainingMasters.roundLength(
                  settings.averagingFrequency(), settings.batchSize(), workers, count);
          long perRound = (long) roundLength * workers;
          try (JobProgress rounds =
              new JobProgress(
                      spark.sparkContext(),
                      "train: " + step(e, "fitting"),
                      "treeAggregate",
                      "round",
                      TrainingMasters.rounds(count, roundLength, workers),
                      count == 0 ? 0 : Math.round(perRound * (double) samples / count),
                      "samples",
                      PROGRESS_EVERY)
                  .start()) {
            sparkNet.fit(batches);
          }
          p.network = sparkNet.getNetwork();
          p.score = sparkNet.getScore();
        });
    // dl4j-spark never releases the epoch's cached minibatches.
    batches.unpersist(false);
    return p.score;
  }

  /** The validation figures, or NaN for both when none are held out (a fraction of 0). */
  private TrainingTask.Validation validate(MultiLayerNetwork fitted, int e) {
    if (settings.validationFraction() == 0) {
      return new TrainingTask.Validation(Double.NaN, Double.NaN);
    }
    return stage.step(
        step(e, "validating"), () -> task.validate(validationRows, Ensemble.of(fitted), spec));
  }

  private void record(Progress p, EpochProgress line, String bundleDir) {
    LOG.info(memberLabel + line.line());
    p.history.add(line);
    appendHistory(bundleDir, line);
  }

  private void checkpoint(
      Progress p,
      EarlyStopping stopping,
      Checkpoints checkpoints,
      Map<String, Object> fingerprint) {
    if (checkpoints == null) {
      return;
    }
    Checkpoints.State state =
        new Checkpoints.State(
            p.epoch,
            p.stopped,
            stopping.bestEpoch(),
            stopping.best().loss(),
            stopping.best().accuracy(),
            p.history,
            fingerprint);
    MultiLayerNetwork fitted = p.network;
    stage.run(
        step(p.epoch, "checkpointing"),
        () -> checkpoints.save(state, fitted, stopping.bestParams()));
  }

  private void restoreBest(Progress p, EarlyStopping stopping) {
    INDArray best = stopping.paramsToRestore(p.epoch);
    if (best != null) {
      LOG.info(
          "{}Restoring the parameters of epoch {} ({})",
          memberLabel,
          stopping.bestEpoch(),
          stopping.describeBest());
      p.network.setParams(best);
    }
  }

  private String step(int epoch, String what) {
    return String.format("%sepoch %d/%d: %s", memberLabel, epoch, settings.epochs(), what);
  }

  private void appendHistory(String bundleDir, EpochProgress p) {
    if (bundleDir == null) {
      return;
    }
    Row row =
        RowFactory.create(
            p.epoch(),
            p.trainLoss(),
            p.validationLoss(),
            p.validationAccuracy(),
            p.samples(),
            p.samplesPerSecond(),
            p.epochSeconds(),
            p.elapsedSeconds(),
            member == 0 ? null : member);
    spark
        .createDataFrame(List.of(row), HistoryDataset.SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Append)
        .parquet(HistoryDataset.path(bundleDir));
  }
}
