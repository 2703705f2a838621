package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.ingest.IngestJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Read labeled texts (the aclImdb layout, a folder per class, CSV, TSV, JSON Lines or"
            + " Parquet, on any Hadoop filesystem) into a Parquet dataset: id, split, label, rating,"
            + " text.")
final class IngestCommand extends StageCommand {

  private IngestSettings settings;

  @Override
  protected IngestSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(IngestSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new IngestJob(spark, settings).execute();
  }

  @Override
  protected boolean usesNativeBackend() {
    return false;
  }
}
