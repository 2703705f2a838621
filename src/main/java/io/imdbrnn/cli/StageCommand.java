package io.imdbrnn.cli;

import com.typesafe.config.Config;
import io.imdbrnn.config.ClusterSettings;
import io.imdbrnn.config.Redact;
import io.imdbrnn.config.SettingsBinder;
import io.imdbrnn.config.SettingsLoader;
import io.imdbrnn.config.StagePaths;
import io.imdbrnn.fs.AtomicOutput;
import io.imdbrnn.runtime.HadoopConfigurations;
import io.imdbrnn.runtime.SparkSessionLease;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the stage subcommands. A subcommand declares its options for parsing and help only; their
 * values reach the stage through the settings layers (defaults, --config, --set, options), so a
 * value typed on the command line passes the same checks as one from a file.
 */
abstract class StageCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StageCommand.class);

  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Override
  public final Integer call() throws Exception {
    Config config = SettingsLoader.load(common.configFile(), overrides());
    StagePaths settings = resolve(config);
    // Bound before --dry-run returns, so a dry run also checks it.
    ClusterSettings cluster = SettingsBinder.bind(ClusterSettings.class, config);
    LOG.info("Settings: {}", Redact.text(settings.toString()));
    if (common.dryRun) {
      checkPaths(HadoopConfigurations.fromSparkConf(), settings);
      LOG.info("Dry run of {}: settings and paths are valid; nothing was done.", spec.name());
      return 0;
    }
    if (!usesSpark()) {
      runWithoutSpark();
      return 0;
    }
    try (SparkSessionLease lease =
        SparkSessionLease.acquire(
            "imdb-rnn " + spec.name(),
            Duration.ofSeconds(cluster.executorWaitSeconds()),
            ClusterSettings.EXECUTOR_WAIT,
            usesNativeBackend())) {
      // Timed apart from JVM and session start-up, which every command pays once whatever the
      // data: this is the figure that grows with the data (src/bench/datasize.sh reads it).
      long start = System.nanoTime();
      try {
        run(lease.spark());
      } catch (Exception e) {
        // Jobs cancelled for want of executors: say that, not "job cancelled", and never as bad
        // input (a stage may have wrapped the cancellation as unreadable data): exit 1, retried.
        Optional<String> why = lease.executorFailure();
        if (why.isPresent()) {
          IllegalStateException noExecutors = new IllegalStateException(why.get());
          noExecutors.addSuppressed(e);
          throw noExecutors;
        }
        throw e;
      }
      LOG.info(
          "{} finished its work in {} s (Spark session start-up not included)",
          spec.name(),
          String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
    }
    return exitCode();
  }

  /** The exit code of a run that completed: 0, unless the command has outcomes to tell apart. */
  protected int exitCode() {
    return ImdbRnn.EXIT_OK;
  }

  /** For --dry-run: the input exists and the output can be written. */
  protected void checkPaths(Configuration hadoopConf, StagePaths settings) {
    HadoopConfigurations.requireExists(hadoopConf, settings.input(), settings.inputKey());
    AtomicOutput.forStage(hadoopConf, settings);
  }

  /** True when the executors train or score networks (ND4J), false for data-only stages. */
  protected boolean usesNativeBackend() {
    return true;
  }

  /** False when this run needs no Spark session (e.g. scoring a few texts on one machine). */
  protected boolean usesSpark() {
    return true;
  }

  protected void runWithoutSpark() {
    throw new UnsupportedOperationException(spec.name() + " always runs on Spark");
  }

  /**
   * Reads and checks this stage's settings, keeping them for {@link #run}; throws on anything
   * wrong.
   */
  protected abstract StagePaths resolve(Config config);

  protected abstract void run(SparkSession spark);

  private Map<String, Object> overrides() {
    Map<String, Object> values = new LinkedHashMap<>(common.settings);
    for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
      String key = ConfigDefaults.settingKey(spec.name(), option);
      if (key != null) {
        Object value = option.getValue();
        values.put(key, value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value);
      }
    }
    return values;
  }
}
