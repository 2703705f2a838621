package io.imdbrnn.config;

import com.typesafe.config.Config;

/** Settings of the train stage ({@code train.*} in the config). */
public record TrainSettings(
    String input,
    String output,
    String cell,
    int embeddingSize,
    int hiddenSize,
    int epochs,
    double learningRate,
    int batchSize,
    int averagingFrequency,
    int workers,
    double validationFraction,
    long seed,
    int earlyStoppingPatience,
    boolean restoreBest,
    boolean maskPadding,
    boolean bucketByLength,
    int bucketPoolBatches,
    String checkpointDir,
    boolean resume,
    boolean overwrite)
    implements StagePaths {
  public static final String INPUT = "train.input";
  public static final String OUTPUT = "train.output";
  public static final String CELL = "train.cell";
  public static final String EMBEDDING_SIZE = "train.embedding-size";
  public static final String HIDDEN_SIZE = "train.hidden-size";
  public static final String EPOCHS = "train.epochs";
  public static final String LEARNING_RATE = "train.learning-rate";
  public static final String BATCH_SIZE = "train.batch-size";
  public static final String AVERAGING_FREQUENCY = "train.averaging-frequency";
  public static final String WORKERS = "train.workers";
  public static final String VALIDATION_FRACTION = "train.validation-fraction";
  public static final String SEED = "train.seed";
  public static final String EARLY_STOPPING_PATIENCE = "train.early-stopping-patience";
  public static final String RESTORE_BEST = "train.restore-best";
  public static final String MASK_PADDING = "train.mask-padding";
  public static final String BUCKET_BY_LENGTH = "train.bucket-by-length";
  public static final String BUCKET_POOL_BATCHES = "train.bucket-pool-batches";
  public static final String CHECKPOINT_DIR = "train.checkpoint-dir";
  public static final String RESUME = "train.resume";
  public static final String OVERWRITE = "train.overwrite";

  /** Setting names of {@code io.imdbrnn.model.CellType}; config has no model dependency. */
  static final java.util.List<String> CELLS =
      java.util.List.of("simple-rnn", "simple-rnn-stock", "lstm");

  public TrainSettings {
    input = Validate.required(INPUT, input);
    output = Validate.required(OUTPUT, output);
    checkpointDir = checkpointDir == null ? "" : checkpointDir.strip();
    if (!CELLS.contains(cell)) {
      throw new IllegalArgumentException(
          "Cannot set "
              + CELL
              + " to '"
              + cell
              + "': the value must be one of "
              + String.join(", ", CELLS)
              + ".");
    }
    Validate.range(EMBEDDING_SIZE, embeddingSize, 1, 4096);
    Validate.range(HIDDEN_SIZE, hiddenSize, 1, 4096);
    Validate.range(EPOCHS, epochs, 1, 1000);
    Validate.range(LEARNING_RATE, learningRate, Double.MIN_VALUE, 1.0);
    Validate.range(BATCH_SIZE, batchSize, 1, 65_536);
    Validate.range(AVERAGING_FREQUENCY, averagingFrequency, 1, 10_000);
    Validate.range(WORKERS, workers, 0, 10_000);
    Validate.range(VALIDATION_FRACTION, validationFraction, 0.01, 0.9);
    Validate.range(EARLY_STOPPING_PATIENCE, earlyStoppingPatience, 0, 1000);
    Validate.range(BUCKET_POOL_BATCHES, bucketPoolBatches, 1, 10_000);
    if (bucketByLength && !maskPadding) {
      throw new IllegalArgumentException(
          "Cannot set "
              + BUCKET_BY_LENGTH
              + " = true without "
              + MASK_PADDING
              + " = true: without a mask, a batch trimmed to its longest review computes something"
              + " different from the padded one.");
    }
  }

  @Override
  public String section() {
    return "train";
  }

  /**
   * Where checkpoints go: {@code checkpoint-dir}, or {@code <output>.checkpoints} beside the
   * output.
   */
  public String checkpointLocation() {
    if (!checkpointDir.isEmpty()) {
      return checkpointDir;
    }
    String out = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    return out + ".checkpoints";
  }

  public static TrainSettings from(Config config) {
    ConfigReader r = new ConfigReader(config);
    return new TrainSettings(
        r.string(INPUT),
        r.string(OUTPUT),
        r.string(CELL),
        r.integer(EMBEDDING_SIZE),
        r.integer(HIDDEN_SIZE),
        r.integer(EPOCHS),
        r.doubleValue(LEARNING_RATE),
        r.integer(BATCH_SIZE),
        r.integer(AVERAGING_FREQUENCY),
        r.integer(WORKERS),
        r.doubleValue(VALIDATION_FRACTION),
        r.longValue(SEED),
        r.integer(EARLY_STOPPING_PATIENCE),
        r.bool(RESTORE_BEST),
        r.bool(MASK_PADDING),
        r.bool(BUCKET_BY_LENGTH),
        r.integer(BUCKET_POOL_BATCHES),
        r.string(CHECKPOINT_DIR),
        r.bool(RESUME),
        r.bool(OVERWRITE));
  }
}
