package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.ReportSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.report.ReportJob;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Write report.html, one self-contained page, and its figures as PNG files: training curves,"
            + " ROC and precision-recall curves, confusion matrix, calibration, accuracy by review"
            + " length, the most confidently wrong reviews, settings and provenance; beside a"
            + " baseline and the registry's champion when given.")
final class ReportCommand extends StageCommand {
  private ReportSettings settings;

  @Override
  protected ReportSettings resolve(Config config) {
    settings = SettingsBinder.bind(ReportSettings.class, config);
    return settings;
  }

  @Override
  protected void run(SparkSession spark) {
    new ReportJob(spark, settings).execute();
  }
}
