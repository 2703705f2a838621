package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.evaluate.EvaluateJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Score a split of a prepared dataset with a model bundle and write metrics/ (accuracy, log loss, "
            + "precision, recall, F1, ROC and PR AUC, confusion counts) and predictions/ (one row per review).")
final class EvaluateCommand extends StageCommand {
  @Option(
      names = "--model",
      paramLabel = "PATH",
      description = "Model bundle from train (evaluate.model).")
  String model;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "Prepared dataset (evaluate.input).")
  String input;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Where metrics/ and predictions/ go (evaluate.output).")
  String output;

  @Option(names = "--split", paramLabel = "SPLIT", description = "test or train (evaluate.split).")
  String split;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Reviews per scoring minibatch (evaluate.batch-size).")
  Integer batchSize;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output once the new one is complete (evaluate.overwrite).")
  Boolean overwrite;

  private EvaluateSettings settings;

  @Override
  protected EvaluateSettings resolve(Config config) {
    settings = EvaluateSettings.from(config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new EvaluateJob(spark, settings).execute();
  }
}
