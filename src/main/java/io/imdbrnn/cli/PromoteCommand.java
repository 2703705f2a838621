package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.PromoteSettings;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.promote.PromoteJob;
import io.imdbrnn.registry.Decision;
import io.imdbrnn.runtime.HadoopConfigurations;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "promote",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description = {
      "Champion/challenger: re-score the registry's champion on the candidate's test reviews and make"
          + " the candidate the champion unless it is worse by more than promote.tolerance (or below"
          + " promote.min-accuracy). Every decision goes to the registry's decision log; --rollback"
          + " restores the previous champion.",
      "Exit codes: 0 promoted (or rolled back), 3 kept the champion, 2 bad input, 1 other failure."
    })
final class PromoteCommand extends StageCommand {
  private PromoteSettings settings;
  private Decision decision;

  @Override
  protected PromoteSettings resolve(Config config) {
    settings = SettingsBinder.bind(PromoteSettings.class, config);
    return settings;
  }

  @Override
  protected void checkPaths(Configuration hadoopConf, StagePaths paths) {
    PromoteJob.checkPlacement(hadoopConf, settings);
    if (settings.rollback()) {
      HadoopConfigurations.requireExists(hadoopConf, settings.registry(), PromoteSettings.REGISTRY);
      return;
    }
    settings
        .candidateInputs()
        .forEach((key, path) -> HadoopConfigurations.requireExists(hadoopConf, path, key));
  }

  @Override
  protected void run(SparkSession spark) {
    decision = new PromoteJob(spark, settings).execute();
    spec.commandLine()
        .getOut()
        .println(
            decision.action().label()
                + " "
                + decision.candidateModelId()
                + ": "
                + decision.reason());
  }

  @Override
  protected int exitCode() {
    return decision.action() == Decision.Action.KEPT ? ImdbRnn.EXIT_KEPT : ImdbRnn.EXIT_OK;
  }
}
