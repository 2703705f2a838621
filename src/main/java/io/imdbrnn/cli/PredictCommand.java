package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.predict.DatasetPredictor;
import io.imdbrnn.predict.InputKind;
import io.imdbrnn.predict.LocalPredictor;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.HadoopConfigurations;
import io.imdbrnn.spark.ModelBundle;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Score raw reviews with a model bundle, using the bundle's own vocabulary and the tokenizer of "
            + "prepare. Texts, standard input, files and directories are scored on this machine and printed "
            + "(TSV or JSON lines); Parquet and CSV datasets are scored across the cluster into Parquet.")
final class PredictCommand extends StageCommand {
  @Option(
      names = "--model",
      paramLabel = "PATH",
      description = "Model bundle from train (predict.model).")
  String model;

  @Option(names = "--text", paramLabel = "TEXT", description = "A review to score. Repeatable.")
  List<String> texts = new ArrayList<>();

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description =
          "- (stdin, one review per line), a text file, a directory of reviews, or a Parquet/CSV dataset (predict.input).")
  String input;

  @Option(
      names = "--input-format",
      paramLabel = "FMT",
      description = "auto, lines, files, parquet or csv (predict.input-format).")
  String inputFormat;

  @Option(
      names = "--text-column",
      paramLabel = "NAME",
      description = "Text column of a dataset input (predict.text-column).")
  String textColumn;

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Scored dataset to write, for dataset inputs (predict.output).")
  String output;

  @Option(
      names = "--output-format",
      paramLabel = "FMT",
      description = "tsv or json, for printed results (predict.output-format).")
  String outputFormat;

  @Option(
      names = "--max-review-bytes",
      paramLabel = "N",
      description = "Longer reviews are not scored (predict.max-review-bytes).")
  Long maxReviewBytes;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Reviews per scoring minibatch (predict.batch-size).")
  Integer batchSize;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output dataset (predict.overwrite).")
  Boolean overwrite;

  private PredictSettings settings;
  private InputKind kind;

  @Override
  protected PredictSettings resolve(Config config) {
    settings = PredictSettings.from(config);
    kind = InputKind.of(settings, HadoopConfigurations.fromSparkConf());
    if (kind == InputKind.NONE && texts.isEmpty()) {
      throw new IllegalArgumentException(
          "Nothing to score: give --text, or --input (- for standard input).");
    }
    if (kind.isDataset() && settings.output().isEmpty()) {
      throw new IllegalArgumentException(
          "Setting "
              + PredictSettings.OUTPUT
              + " is required for a dataset input ("
              + settings.input()
              + ").");
    }
    if (!kind.isDataset() && !settings.output().isEmpty()) {
      throw new IllegalArgumentException(
          "Setting "
              + PredictSettings.OUTPUT
              + " is for dataset inputs (Parquet, CSV); text results go to standard output.");
    }
    return settings;
  }

  @Override
  protected void checkPaths(Configuration hadoopConf, StagePaths s) {
    HadoopConfigurations.requireExists(hadoopConf, settings.model(), PredictSettings.MODEL);
    if (kind.isDataset()) {
      AtomicOutput.forStage(hadoopConf, settings);
    }
  }

  @Override
  protected boolean usesSpark() {
    return kind.isDataset();
  }

  @Override
  protected void runWithoutSpark() {
    ModelBundle bundle = ModelBundle.load(HadoopConfigurations.fromSparkConf(), settings.model());
    LocalPredictor predictor = new LocalPredictor(settings, kind, texts, System.in);
    PrintWriter out = spec.commandLine().getOut();
    predictor.print(predictor.predict(bundle), out);
  }

  @Override
  protected void run(SparkSession spark) {
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), settings.model());
    new DatasetPredictor(spark, settings, kind).execute(bundle);
  }
}
