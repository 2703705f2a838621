package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.pipeline.TrainJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

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

  private TrainSettings settings;

  @Override
  protected TrainSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(TrainSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new TrainJob(spark, settings).execute();
  }
}
