package io.imdbrnn.runtime;

import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The log levels of {@code conf/log4j2.properties} (this project's progress at INFO, Spark and
 * Hadoop at WARN) wherever a JVM of the application runs: a Spark plugin ({@code spark.plugins}),
 * so it applies in the driver and in every executor, in client and cluster mode and on any cluster
 * manager, where no log4j2 file of ours is on the machine. A JVM started with its own {@code
 * -Dlog4j2.configurationFile} keeps that configuration.
 */
public final class ProjectLogging implements SparkPlugin {
  static final String PROJECT = "io.imdbrnn";

  @Override
  public DriverPlugin driverPlugin() {
    return new DriverPlugin() {
      @Override
      public Map<String, String> init(SparkContext sc, PluginContext ctx) {
        apply();
        return Map.of();
      }
    };
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorPlugin() {
      @Override
      public void init(PluginContext ctx, Map<String, String> extraConf) {
        apply();
      }
    };
  }

  /** Project INFO, everything else WARN, unless this JVM was given a log4j2 file. */
  static void apply() {
    if (System.getProperty("log4j2.configurationFile") != null
        || System.getProperty("log4j.configurationFile") != null) {
      return;
    }
    Configurator.setRootLevel(Level.WARN);
    Configurator.setLevel(PROJECT, Level.INFO);
  }
}
