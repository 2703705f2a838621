package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.config.PredictSettings;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.predict.DatasetPredictor;
import io.imdbrnn.predict.InputKind;
import io.imdbrnn.predict.LocalPredictor;
import io.imdbrnn.runtime.HadoopConfigurations;
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

  @Option(names = "--text", paramLabel = "TEXT", description = "A review to score. Repeatable.")
  List<String> texts = new ArrayList<>();

  private static final String PREDICT_USE =
      "scored as a classifier (generate samples text from a next-char model)";

  private PredictSettings settings;
  private InputKind kind;

  @Override
  protected PredictSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(PredictSettings.class, config);
    kind = InputKind.checked(settings, HadoopConfigurations.fromSparkConf(), !texts.isEmpty());
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
    bundle.requireClassifier(settings.model(), PREDICT_USE);
    LocalPredictor predictor = new LocalPredictor(settings, kind, texts, System.in);
    PrintWriter out = spec.commandLine().getOut();
    predictor.print(predictor.predict(bundle), out);
  }

  @Override
  protected void run(SparkSession spark) {
    ModelBundle bundle =
        ModelBundle.load(spark.sparkContext().hadoopConfiguration(), settings.model());
    bundle.requireClassifier(settings.model(), PREDICT_USE);
    new DatasetPredictor(spark, settings, kind).execute(bundle);
  }
}
