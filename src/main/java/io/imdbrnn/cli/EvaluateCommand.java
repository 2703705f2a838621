package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.pipeline.EvaluateJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

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

  private EvaluateSettings settings;

  @Override
  protected EvaluateSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(EvaluateSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new EvaluateJob(spark, settings).run();
  }
}
