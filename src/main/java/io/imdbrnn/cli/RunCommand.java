package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.EvaluateSettings;
import io.imdbrnn.config.IngestSettings;
import io.imdbrnn.config.PrepareSettings;
import io.imdbrnn.config.RunSettings;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.config.TrainSettings;
import io.imdbrnn.evaluate.EvaluateJob;
import io.imdbrnn.features.PrepareJob;
import io.imdbrnn.ingest.IngestJob;
import io.imdbrnn.spark.AtomicOutput;
import io.imdbrnn.spark.HadoopConfigurations;
import io.imdbrnn.train.TrainJob;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "ingest -> prepare -> train -> evaluate in one Spark application, with one config. Outputs go under "
            + "the work directory (reviews/, prepared/, model/, evaluation/); set any stage setting with "
            + "--config or --set, e.g. --set train.epochs=3.")
final class RunCommand extends StageCommand {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "aclImdb directory or .tar.gz (run.input).")
  String input;

  @Option(
      names = "--work-dir",
      paramLabel = "PATH",
      description = "Directory for every stage's output (run.work-dir).")
  String workDir;

  @Option(
      names = "--overwrite",
      description = "Replace existing stage outputs once each new one is complete (run.overwrite).")
  Boolean overwrite;

  private RunSettings runSettings;
  private IngestSettings ingest;
  private PrepareSettings prepare;
  private TrainSettings train;
  private EvaluateSettings evaluate;

  @Override
  protected RunSettings resolve(Config config) {
    RunSettings run = RunSettings.from(config);
    runSettings = run;
    Config stages = run.stageConfig(config);
    ingest = IngestSettings.from(stages);
    prepare = PrepareSettings.from(stages);
    train = TrainSettings.from(stages);
    evaluate = EvaluateSettings.from(stages);
    return run;
  }

  @Override
  protected void checkPaths(Configuration hadoopConf, StagePaths run) {
    HadoopConfigurations.requireExists(hadoopConf, run.input(), run.inputKey());
    checkOutputs(hadoopConf, run);
  }

  /**
   * Every stage's output must be writable and apart from the run's raw input before the first stage
   * starts, so a bad work directory fails in a second, not after training.
   */
  private void checkOutputs(Configuration hadoopConf, StagePaths run) {
    for (StagePaths stage : List.<StagePaths>of(ingest, prepare, train, evaluate)) {
      AtomicOutput.forStage(hadoopConf, stage).checkDistinctFrom(run.input(), run.inputKey());
    }
  }

  @Override
  protected void run(SparkSession spark) {
    checkOutputs(spark.sparkContext().hadoopConfiguration(), runSettings);
    new IngestJob(spark, ingest).requireBothLabelsInEverySplit().execute();
    new PrepareJob(spark, prepare).execute();
    new TrainJob(spark, train).execute();
    new EvaluateJob(spark, evaluate).execute();
  }
}
