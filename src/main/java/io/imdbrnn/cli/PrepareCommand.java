package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.pipeline.PrepareJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Tokenize reviews, fit the vocabulary on the train split, and pad every review to a fixed-length "
            + "id sequence. Writes tokens/, vocabulary/ and prepare.json under the output.")
final class PrepareCommand extends StageCommand {

  private PrepareSettings settings;

  @Override
  protected PrepareSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(PrepareSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new PrepareJob(spark, settings).execute();
  }

  @Override
  protected boolean usesNativeBackend() {
    return false;
  }
}
