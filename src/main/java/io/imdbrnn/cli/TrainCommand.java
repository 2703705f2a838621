package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.train.TrainJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Train the network on the prepared train split across Spark executors (dl4j-spark parameter "
            + "averaging) and write a model bundle: model.zip, vocabulary.tsv, prepare.json, manifest.json, "
            + "history/.")
final class TrainCommand extends StageCommand {
  @Option(names = "--input", paramLabel = "PATH", description = "Prepared dataset (train.input).")
  String input;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Model bundle to write (train.output).")
  String output;

  @Option(
      names = "--cell",
      paramLabel = "CELL",
      description = "simple-rnn (fused), simple-rnn-stock or lstm (train.cell).")
  String cell;

  @Option(
      names = "--embedding-size",
      paramLabel = "N",
      description = "Embedding width (train.embedding-size).")
  Integer embeddingSize;

  @Option(
      names = "--hidden-size",
      paramLabel = "N",
      description = "Recurrent state size (train.hidden-size).")
  Integer hiddenSize;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training rows (train.epochs).")
  Integer epochs;

  @Option(
      names = "--learning-rate",
      paramLabel = "X",
      description = "Adam step size (train.learning-rate).")
  Double learningRate;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Minibatch size per worker (train.batch-size).")
  Integer batchSize;

  @Option(
      names = "--averaging-frequency",
      paramLabel = "N",
      description =
          "Minibatches per worker between parameter averages (train.averaging-frequency).")
  Integer averagingFrequency;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Training workers; 0 = Spark default parallelism (train.workers).")
  Integer workers;

  @Option(
      names = "--validation-fraction",
      paramLabel = "X",
      description = "Share of the train split held out for validation (train.validation-fraction).")
  Double validationFraction;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed for weights, split and shuffling (train.seed).")
  Long seed;

  @Option(
      names = "--early-stopping-patience",
      paramLabel = "N",
      description =
          "Epochs without a better validation loss before stopping; 0 = off (train.early-stopping-patience).")
  Integer earlyStoppingPatience;

  @Option(
      names = "--restore-best",
      arity = "1",
      paramLabel = "BOOL",
      description = "With early stopping, keep the best epoch's parameters (train.restore-best).")
  Boolean restoreBest;

  @Option(
      names = "--mask-padding",
      arity = "1",
      paramLabel = "BOOL",
      description = "Padded steps leave the state unchanged, Keras mask_zero (train.mask-padding).")
  Boolean maskPadding;

  @Option(
      names = "--bucket-by-length",
      arity = "1",
      paramLabel = "BOOL",
      description =
          "Batch reviews of similar length, trimmed to the longest; needs --mask-padding true"
              + " (train.bucket-by-length).")
  Boolean bucketByLength;

  @Option(
      names = "--bucket-pool-batches",
      paramLabel = "N",
      description = "Minibatches per length-sorting pool (train.bucket-pool-batches).")
  Integer bucketPoolBatches;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "PATH",
      description = "Per-epoch checkpoints; empty = <output>.checkpoints (train.checkpoint-dir).")
  String checkpointDir;

  @Option(
      names = "--resume",
      description = "Continue from the newest checkpoint, if any (train.resume).")
  Boolean resume;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output once the new one is complete (train.overwrite).")
  Boolean overwrite;

  private TrainSettings settings;

  @Override
  protected TrainSettings resolve(Config config) {
    settings = TrainSettings.from(config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new TrainJob(spark, settings).execute();
  }
}
