package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.ReportSettings;
import io.imdbrnn.config.RunSettings;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.pipeline.EvaluateJob;
import io.imdbrnn.pipeline.PrepareJob;
import io.imdbrnn.pipeline.TrainJob;
import io.imdbrnn.report.ReportJob;
import io.imdbrnn.runtime.HadoopConfigurations;
import io.imdbrnn.task.TaskKind;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "ingest -> prepare -> train -> evaluate -> report in one Spark application, with one config."
            + " Outputs go under the work directory (reviews/, prepared/, model/, evaluation/,"
            + " report/); set any stage setting with "
            + "--config or --set, e.g. --set train.epochs=3.")
final class RunCommand extends StageCommand {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  private RunSettings runSettings;
  private IngestSettings ingest;
  private PrepareSettings prepare;
  private TrainSettings train;
  private EvaluateSettings evaluate;
  private ReportSettings report;

  @Override
  protected RunSettings resolve(Config config) {
    RunSettings run = io.imdbrnn.config.SettingsBinder.bind(RunSettings.class, config);
    runSettings = run;
    Config stages = run.stageConfig(config);
    ingest = io.imdbrnn.config.SettingsBinder.bind(IngestSettings.class, stages);
    prepare = io.imdbrnn.config.SettingsBinder.bind(PrepareSettings.class, stages);
    train = io.imdbrnn.config.SettingsBinder.bind(TrainSettings.class, stages);
    evaluate = io.imdbrnn.config.SettingsBinder.bind(EvaluateSettings.class, stages);
    report = io.imdbrnn.config.SettingsBinder.bind(ReportSettings.class, stages);
    return run;
  }

  @Override
  protected void checkPaths(Configuration hadoopConf, StagePaths run) {
    HadoopConfigurations.requireExists(hadoopConf, run.input(), run.inputKey());
    checkOutputs(hadoopConf, run);
  }

  /**
   * Every stage's output must be writable and apart from the run's raw input, and the report's
   * registry usable, before the first stage starts, so a bad work directory fails in a second, not
   * after training.
   */
  private void checkOutputs(Configuration hadoopConf, StagePaths run) {
    List<StagePaths> stages = new java.util.ArrayList<>(List.of(ingest, prepare, train, evaluate));
    if (runSettings.report() && TaskKind.of(prepare.task()).reported()) {
      stages.add(report);
    }
    for (StagePaths stage : stages) {
      AtomicOutput.forStage(hadoopConf, stage).checkDistinctFrom(run.input(), run.inputKey());
    }
    if (stages.contains(report)) {
      // A registry that cannot serve the report fails now, not after training.
      ReportJob.checkRegistry(hadoopConf, report);
      if (!report.baseline().isEmpty()) {
        HadoopConfigurations.requireExists(hadoopConf, report.baseline(), ReportSettings.BASELINE);
      }
    }
  }

  @Override
  protected void run(SparkSession spark) {
    checkOutputs(spark.sparkContext().hadoopConfiguration(), runSettings);
    new IngestJob(spark, ingest).requireBothLabelsInEverySplit().execute();
    new PrepareJob(spark, prepare).execute();
    new TrainJob(spark, train).execute();
    new EvaluateJob(spark, evaluate).run();
    if (runSettings.report() && TaskKind.of(prepare.task()).reported()) {
      new ReportJob(spark, report).execute();
    } else if (runSettings.report()) {
      LOG.info(
          "No report/ for {} = {}: the report's figures are a classifier's; the evaluation has"
              + " the model's bits per character.",
          PrepareSettings.TASK,
          prepare.task().settingName());
    }
  }
}
