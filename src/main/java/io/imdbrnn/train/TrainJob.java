package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.Task;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.runtime.StageRun;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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

  private final SparkSession spark;
  private final TrainSettings settings;

  public TrainJob(SparkSession spark, TrainSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  /** True for rows held out for validation; a pure function of the id and the seed. */
  public static Column isValidation(double fraction, long seed) {
    return io.imdbrnn.datasets.HashSplit.isHeldOut(col(TokenizedDataset.ID), fraction, seed);
  }

  public TrainResult execute() {
    try (StageRun run = StageRun.open(spark, settings)) {
      return train(run);
    }
  }

  private TrainResult train(StageRun run) {
    Checkpoints checkpoints = new Checkpoints(run.hadoopConf(), settings.checkpointLocation());
    checkpoints.requireUsable(
        TrainSettings.CHECKPOINT_DIR,
        Map.of(TrainSettings.INPUT, settings.input(), TrainSettings.OUTPUT, settings.output()));
    String startedAt = Instant.now().toString();
    PreparedManifest prepared = PreparedManifest.read(run.hadoopConf(), settings.input());
    Task task = prepared.taskOrDefault();
    NetworkSpec spec = networkSpec(prepared, task);
    TrainingTask training =
        task == Task.NEXT_CHAR
            ? new NextCharTraining(settings, prepared.vocabSize())
            : new ClassifierTraining(settings, prepared.maxLen(), spec.classes());
    Dataset<Row> train = training.trainRows(spark, settings.input());
    Column held = isValidation(settings.validationFraction(), settings.seed());
    int workers =
        settings.workers() > 0 ? settings.workers() : spark.sparkContext().defaultParallelism();
    // One shard per worker, shuffled across the cluster once and cached: every epoch then only
    // reorders each shard where it lives (EpochLoop), instead of shuffling all rows again.
    Dataset<Row> fitRows =
        run.cache(train.filter(held.unary_$bang()).repartition(workers, col(TokenizedDataset.ID)));
    Dataset<Row> validationRows = run.cache(train.filter(held));
    long fitCount = run.step("splitting train/validation", fitRows::count);
    long validationCount = validationRows.count();
    training.requireTrainable(fitRows, validationCount);
    Map<String, Object> fingerprint = fingerprint(prepared);
    Checkpoints.Saved resumed = resumeFrom(checkpoints, fingerprint);
    MultiLayerNetwork net = resumed != null ? resumed.network() : NetworkFactory.create(spec);
    NetworkFactory.checkShape(net, spec);
    training.configure(net);
    LOG.info(
        "Training {} ({} parameters) on {} rows, validating on {}, {} workers, {} epochs",
        spec,
        net.numParams(),
        fitCount,
        validationCount,
        workers,
        settings.epochs());
    Map<String, Long> rows = Map.of("fit", fitCount, "validation", validationCount);
    long samples = training.samples(fitRows, fitCount);
    EpochLoop loop =
        new EpochLoop(
            spark, settings, run, spec, training, fitRows, validationRows, fitCount, samples);
    TrainResult result =
        run.writeInSteps(
            temp ->
                new BundleAssembler(spark, settings)
                    .write(
                        temp,
                        spec,
                        prepared,
                        rows,
                        loop.run(net, workers, temp, checkpoints, resumed, fingerprint),
                        startedAt));
    checkpoints.clear();
    return result;
  }

  /**
   * The network for the prepared data's task. A next-char network always masks (a review's last
   * window is padded at its end) and reads left to right on a fused cell, so settings that say
   * otherwise are refused by name.
   */
  private NetworkSpec networkSpec(PreparedManifest prepared, Task task) {
    boolean nextChar = task == Task.NEXT_CHAR;
    if (nextChar) {
      requireLeftToRight();
    }
    int classes = nextChar ? 0 : prepared.labelIndex().size();
    Head head = nextChar ? Head.NEXT_TOKEN : classes == 2 ? Head.BINARY : Head.CLASSES;
    return new NetworkSpec(
        settings.cell(),
        prepared.vocabSize(),
        prepared.maxLen(),
        settings.embeddingSize(),
        settings.hiddenSize(),
        settings.learningRate(),
        settings.seed(),
        settings.maskPadding() || nextChar,
        settings.layers(),
        settings.bidirectional(),
        settings.dropout(),
        settings.pooling(),
        head,
        classes);
  }

  private void requireLeftToRight() {
    String refused = null;
    if (settings.bidirectional()) {
      refused =
          TrainSettings.BIDIRECTIONAL
              + " = true: the backward direction would read the"
              + " characters it is asked to predict";
    } else if (settings.pooling() != io.imdbrnn.config.Pooling.LAST) {
      refused =
          TrainSettings.POOLING
              + " = "
              + settings.pooling().settingName()
              + ": a next-char model predicts at every step, there is nothing to pool";
    } else if (settings.classWeights() != io.imdbrnn.config.ClassWeights.NONE) {
      refused =
          TrainSettings.CLASS_WEIGHTS
              + " = "
              + settings.classWeights().settingName()
              + ": a next-char model has no classes to weigh";
    } else if (!settings.cell().fused()) {
      refused =
          TrainSettings.CELL
              + " = "
              + settings.cell().settingName()
              + ": next-char training runs on the fused cells simple-rnn, lstm and gru";
    }
    if (refused != null) {
      throw new BadInputException(
          String.format(
              "Prepared dataset %s was prepared for %s = next-char, which cannot train with %s.",
              settings.input(), PrepareSettings.TASK, refused));
    }
  }

  /**
   * The settings a checkpoint must share with this run to be continued: everything that shapes the
   * network, the data or the optimisation. Epochs, workers and early stopping may change.
   */
  private Map<String, Object> fingerprint(PreparedManifest prepared) {
    Map<String, Object> f = new java.util.TreeMap<>(SettingsSchema.fingerprintValues(settings));
    Task task = prepared.taskOrDefault();
    // A classifier's checkpoints were fingerprinted under the task's former name; kept so they
    // resume.
    f.put("prepare.task", task == Task.CLASSIFY ? "sentiment" : task.settingName());
    f.put("prepare.vocab-size", prepared.vocabSize());
    f.put("prepare.max-len", prepared.maxLen());
    // Unweighted training is what checkpoints older than the setting did: they stay usable.
    if (settings.classWeights() == io.imdbrnn.config.ClassWeights.NONE) {
      f.remove(TrainSettings.CLASS_WEIGHTS);
    }
    // Only where there are other classes than IMDB's: checkpoints older than labels stay usable.
    if (prepared.taskOrDefault() != Task.NEXT_CHAR
        && !prepared.labelIndex().equals(io.imdbrnn.labels.LabelIndex.SENTIMENT)) {
      f.put("prepare.labels", String.join("\n", prepared.labelIndex().names()));
    }
    return f;
  }

  /** The checkpoint to continue from with {@code --resume}, after checking it fits; else null. */
  private Checkpoints.Saved resumeFrom(Checkpoints checkpoints, Map<String, Object> fingerprint) {
    if (!settings.resume()) {
      checkpoints.clear();
      return null;
    }
    Checkpoints.Saved saved = checkpoints.latest().orElse(null);
    if (saved == null) {
      LOG.info("No checkpoint in {}: training starts at epoch 1", checkpoints.location());
      return null;
    }
    Map<String, Object> theirs = new java.util.TreeMap<>(saved.state().fingerprint());
    for (Map.Entry<String, Object> e : fingerprint.entrySet()) {
      Object other = theirs.get(e.getKey());
      if (other == null || !String.valueOf(other).equals(String.valueOf(e.getValue()))) {
        throw new BadInputException(
            String.format(
                "Cannot resume from checkpoint %s: it was made with %s = %s, this run has %s."
                    + " Run without --resume to start over, or restore that setting.",
                checkpoints.location(), e.getKey(), other, e.getValue()));
      }
    }
    LOG.info(
        "Resuming from the checkpoint of epoch {} in {}",
        saved.state().epoch(),
        checkpoints.location());
    return saved;
  }
}
