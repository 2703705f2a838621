package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.config.GenerateSettings;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.errors.BadInputException;
import io.imdbrnn.generate.TextGenerator;
import io.imdbrnn.runtime.HadoopConfigurations;
import io.imdbrnn.task.TaskKind;
import io.imdbrnn.text.TextUnits;
import java.io.PrintWriter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    usageHelpWidth = 110,
    description =
        "Sample text from a next-char model bundle on this machine (no Spark): the seed text, then"
            + " --length characters drawn one recurrent step at a time; --samples texts side by"
            + " side, one per line. The same --random-seed gives the same text.")
final class GenerateCommand extends StageCommand {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

  private GenerateSettings settings;

  @Override
  protected GenerateSettings resolve(Config config) {
    settings = io.imdbrnn.config.SettingsBinder.bind(GenerateSettings.class, config);
    return settings;
  }

  @Override
  protected void checkPaths(Configuration hadoopConf, StagePaths s) {
    HadoopConfigurations.requireExists(hadoopConf, settings.model(), GenerateSettings.MODEL);
  }

  @Override
  protected boolean usesSpark() {
    return false;
  }

  @Override
  protected void runWithoutSpark() {
    ModelBundle bundle = ModelBundle.load(HadoopConfigurations.fromSparkConf(), settings.model());
    TextUnits units =
        TaskKind.of(bundle.task())
            .sampledUnits()
            .orElseThrow(
                () ->
                    new BadInputException(
                        String.format(
                            "Model bundle %s was trained for %s (%s) and cannot be sampled from;"
                                + " generate continues text with a next-char or next-word language"
                                + " model (predict scores texts with a classifier).",
                            settings.model(), bundle.task().settingName(), PreparedManifest.FILE)));
    long start = System.nanoTime();
    List<String> texts =
        new TextGenerator(bundle.network(), bundle.vocabulary(), units)
            .generate(
                settings.seedText(),
                settings.length(),
                settings.temperature(),
                settings.topK(),
                settings.randomSeed(),
                settings.samples());
    LOG.info(
        "Generated {} {}s ({} sample(s) of {}) in {} ms",
        (long) settings.length() * settings.samples(),
        units.unit(),
        settings.samples(),
        settings.length(),
        String.format("%.1f", (System.nanoTime() - start) / 1e6));
    PrintWriter out = spec.commandLine().getOut();
    // Normalised text has no line breaks: one sample per line.
    texts.forEach(out::println);
    out.flush();
  }

  @Override
  protected void run(SparkSession spark) {
    throw new UnsupportedOperationException("generate runs without Spark");
  }
}
