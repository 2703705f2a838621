package io.imdbrnn.train;

import static org.apache.spark.sql.functions.col;

import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.SettingsSchema;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.datasets.HashSplit;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.runtime.StageRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a network on a DataFrame of a task's train rows across the Spark executors, and returns
 * it. The rows are divided into fitting and validation by a seeded hash of the text id (stable
 * across runs and cluster sizes), cached where they live, reshuffled every epoch and turned into
 * minibatches on the executors; the training data never reaches the driver. With {@code
 * train.ensemble-size} above 1, each member trains in turn on the same split from a seed of its own
 * (own checkpoints, own early stopping), and the result scores with their mean. Writes nothing but
 * what it is given a place for: checkpoints (when checkpointing) and the history (when given a
 * directory).
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final SparkSession spark;
  private final TrainSettings settings;
  private final StageRun run;
  private final Checkpoints checkpoints;

  private Trainer(SparkSession spark, TrainSettings settings, StageRun run, Checkpoints saved) {
    this.spark = spark;
    this.settings = settings;
    this.run = run;
    this.checkpoints = saved;
  }

  /**
   * A trainer that checkpoints every epoch to {@code train.checkpoint-dir} and resumes from it with
   * {@code --resume}; the location is checked now, before any work.
   */
  public static Trainer checkpointing(SparkSession spark, TrainSettings settings, StageRun run) {
    Checkpoints checkpoints = new Checkpoints(run.hadoopConf(), settings.checkpointLocation());
    checkpoints.requireUsable(
        TrainSettings.CHECKPOINT_DIR,
        Map.of(TrainSettings.INPUT, settings.input(), TrainSettings.OUTPUT, settings.output()));
    return new Trainer(spark, settings, run, checkpoints);
  }

  /** A trainer that writes no checkpoint: a fit that starts and ends in memory. */
  public static Trainer withoutCheckpoints(
      SparkSession spark, TrainSettings settings, StageRun run) {
    return new Trainer(spark, settings, run, null);
  }

  /** True for rows held out for validation; a pure function of the id and the seed. */
  public static Column isValidation(double fraction, long seed) {
    return HashSplit.isHeldOut(col(TokenizedDataset.ID), fraction, seed);
  }

  /**
   * Fits {@code spec} to {@code trainRows} (what {@link TrainingTask#trainRows} gives).
   *
   * @param dataFingerprint what the data adds to a checkpoint's fingerprint (its task, shape and
   *     classes), so a checkpoint of other data is never continued
   * @param historyDir where the epoch history is appended; null for none
   * @param start what a new network gets before its first epoch (e.g. pretrained word vectors); a
   *     network resumed from a checkpoint already has it
   */
  public Trained fit(
      NetworkSpec spec,
      TrainingTask task,
      Dataset<Row> trainRows,
      Map<String, Object> dataFingerprint,
      String historyDir,
      NetworkStart start) {
    Dataset<Row> labelled = labelled(trainRows);
    int workers =
        settings.workers() > 0 ? settings.workers() : spark.sparkContext().defaultParallelism();
    Data shared = split(labelled, settings.seed(), workers, task);
    List<Trained.Member> members = new ArrayList<>();
    for (int m = 0; m < settings.ensembleSize(); m++) {
      long seed = memberSeed(settings.seed(), m);
      Data data =
          m > 0 && settings.ensembleOwnValidation() ? split(labelled, seed, workers, task) : shared;
      members.add(fitMember(m, seed, spec, task, data, dataFingerprint, historyDir, start));
      if (data != shared) {
        data.fitRows().unpersist();
        data.validationRows().unpersist();
      }
    }
    Trained.Member first = members.get(0);
    Ensemble ensemble = Ensemble.of(members.stream().map(Trained.Member::network).toList());
    TrainingTask.Validation validation =
        members.size() == 1 || settings.validationFraction() == 0
            ? new TrainingTask.Validation(first.validationLoss(), first.validationAccuracy())
            : settings.ensembleOwnValidation()
                // Each member has fitted the others' validation rows: no row is held out from all.
                ? new TrainingTask.Validation(
                    members.stream()
                        .mapToDouble(Trained.Member::validationLoss)
                        .average()
                        .orElseThrow(),
                    members.stream()
                        .mapToDouble(Trained.Member::validationAccuracy)
                        .average()
                        .orElseThrow())
                : run.step(
                    "validating the ensemble of " + members.size(),
                    () -> task.validate(shared.validationRows(), ensemble, spec));
    if (members.size() > 1) {
      LOG.info(
          "Ensemble of {}: validation loss {}, accuracy {}"
              + (settings.ensembleOwnValidation() ? " (the mean of its members')" : ""),
          members.size(),
          String.format("%.4f", validation.loss()),
          String.format("%.4f", validation.accuracy()));
    }
    return new Trained(
        ensemble,
        members,
        validation.loss(),
        validation.accuracy(),
        Map.of("fit", shared.fitCount(), "validation", shared.validationCount()));
  }

  /**
   * Divides the labelled rows into fitting and validation by a hash of the id salted with {@code
   * seed}, and checks that both can be trained on. One shard per worker, shuffled across the
   * cluster once and cached: every epoch then only reorders each shard where it lives (EpochLoop),
   * instead of shuffling all rows again.
   */
  private Data split(Dataset<Row> labelled, long seed, int workers, TrainingTask task) {
    Column held = isValidation(settings.validationFraction(), seed);
    Dataset<Row> fitRows =
        run.cache(
            labelled.filter(held.unary_$bang()).repartition(workers, col(TokenizedDataset.ID)));
    Dataset<Row> validationRows = run.cache(labelled.filter(held));
    long fitCount = run.step("splitting train/validation", fitRows::count);
    long validationCount = validationRows.count();
    task.requireTrainable(fitRows, validationCount);
    return new Data(
        fitRows,
        validationRows,
        fitCount,
        validationCount,
        task.samples(fitRows, fitCount),
        workers);
  }

  /** The rows a member fits and validates on. */
  private record Data(
      Dataset<Row> fitRows,
      Dataset<Row> validationRows,
      long fitCount,
      long validationCount,
      long samples,
      int workers) {}

  /**
   * The seed of member {@code m} (from 0) of an ensemble: the run's seed for the first, so a single
   * network trains as it always did; the others drawn from it, so that two runs of different seeds
   * share no member.
   */
  static long memberSeed(long seed, int m) {
    if (m == 0) {
      return seed;
    }
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    long drawn = 0;
    for (int i = 0; i < m; i++) {
      drawn = random.nextLong() >>> 1;
    }
    return drawn;
  }

  private Trained.Member fitMember(
      int m,
      long seed,
      NetworkSpec ensembleSpec,
      TrainingTask task,
      Data data,
      Map<String, Object> dataFingerprint,
      String historyDir,
      NetworkStart start) {
    TrainSettings member = m == 0 ? settings : SettingsBinder.with(settings, "seed", seed);
    NetworkSpec spec = ensembleSpec.withSeed(seed);
    Checkpoints saved = checkpoints == null ? null : checkpoints.member(m);
    Map<String, Object> fingerprint = fingerprint(member, dataFingerprint);
    Checkpoints.Saved resumed = resumeFrom(saved, fingerprint);
    MultiLayerNetwork net = resumed != null ? resumed.network() : NetworkFactory.create(spec);
    NetworkFactory.checkShape(net, spec);
    if (resumed == null) {
      start.accept(net);
    }
    task.configure(net);
    String label =
        settings.ensembleSize() == 1
            ? ""
            : String.format("member %d/%d (seed %d): ", m + 1, settings.ensembleSize(), seed);
    LOG.info(
        "{}Training {} ({} parameters) on {} rows, validating on {}, {} workers, {} epochs",
        label,
        spec,
        net.numParams(),
        data.fitCount(),
        data.validationCount(),
        data.workers(),
        settings.epochs());
    EpochLoop.Outcome outcome =
        new EpochLoop(
                spark,
                member,
                run,
                spec,
                task,
                data.fitRows(),
                data.validationRows(),
                data.fitCount(),
                data.samples(),
                start.pretrainedLayers(net))
            .member(settings.ensembleSize() == 1 ? 0 : m + 1, label)
            .run(net, data.workers(), historyDir, saved, resumed, fingerprint);
    return new Trained.Member(
        outcome.network(),
        seed,
        outcome.epochsRun(),
        outcome.bestEpoch(),
        outcome.last().validationLoss(),
        outcome.last().validationAccuracy());
  }

  /**
   * The rows whose labels training may use: all, or {@code train.label-fraction} of them by a
   * seeded hash of the id, salted so the choice is independent of the validation hold-out cut from
   * it; a smaller fraction keeps a subset of a larger one's rows.
   */
  private Dataset<Row> labelled(Dataset<Row> trainRows) {
    if (settings.labelFraction() >= 1) {
      return trainRows;
    }
    Dataset<Row> kept =
        trainRows.filter(
            HashSplit.isHeldOut(
                col(TokenizedDataset.ID), settings.labelFraction(), settings.seed(), "labels"));
    LOG.info(
        "Using the labels of {} of the train split's texts ({}), chosen by seed {}",
        String.format("%.4g", settings.labelFraction()),
        TrainSettings.LABEL_FRACTION,
        settings.seed());
    return kept;
  }

  /** Removes the checkpoints of this training, once its result is safely written. */
  public void clearCheckpoints() {
    if (checkpoints != null) {
      // The members' own directories first, so the shared one is left empty and can go too.
      for (int m = settings.ensembleSize() - 1; m >= 0; m--) {
        checkpoints.member(m).clear();
      }
    }
  }

  /**
   * The settings a checkpoint must share with this run to be continued: everything that shapes the
   * network, the data or the optimisation. Epochs, workers and early stopping may change.
   */
  private static Map<String, Object> fingerprint(TrainSettings member, Map<String, Object> data) {
    Map<String, Object> f = new TreeMap<>(SettingsSchema.fingerprintValues(member));
    f.putAll(data);
    return f;
  }

  /** The checkpoint to continue from with {@code --resume}, after checking it fits; else null. */
  private Checkpoints.Saved resumeFrom(Checkpoints checkpoints, Map<String, Object> fingerprint) {
    if (checkpoints == null) {
      return null;
    }
    if (!settings.resume()) {
      checkpoints.clear();
      return null;
    }
    Checkpoints.Saved saved = checkpoints.latest().orElse(null);
    if (saved == null) {
      LOG.info("No checkpoint in {}: training starts at epoch 1", checkpoints.location());
      return null;
    }
    Map<String, Object> theirs = new TreeMap<>(saved.state().fingerprint());
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
