package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.baseline.BaselineJob;
import io.imdbrnn.config.BaselineSettings;
import io.imdbrnn.config.SettingsBinder;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Fit the yardstick beside the network, TF-IDF over unigrams and bigrams with a logistic"
            + " regression (Spark MLlib), on the train split of a reviews dataset, and evaluate it on"
            + " the test split into metrics/ and predictions/ laid out as evaluate writes them.")
final class BaselineCommand extends StageCommand {
  private BaselineSettings settings;

  @Override
  protected BaselineSettings resolve(Config config) {
    settings = SettingsBinder.bind(BaselineSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new BaselineJob(spark, settings).execute();
  }

  @Override
  protected boolean usesNativeBackend() {
    return false;
  }
}
