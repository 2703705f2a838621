package io.imdbrnn.config;

/**
 * Settings of every command that runs on a cluster ({@code cluster.*} in the config): how long a
 * job may wait for executors before the command fails instead of hanging.
 */
public record ClusterSettings(
    @Setting(
            value = "120",
            min = 5,
            max = 86_400,
            doc =
                """
                Seconds a job may wait with no executor at all (none registered, or all lost) \
                before the command fails with exit 1, naming the executor size it asked for. A \
                cluster that cannot fit spark.executor.cores and spark.executor.memory (+ \
                memoryOverhead) on any worker otherwise waits forever. Not used in local mode.""")
        int executorWaitSeconds) {
  /** Checks the declared ranges, whoever builds the record. */
  public ClusterSettings {
    SettingsSchema.check(ClusterSettings.class, executorWaitSeconds);
  }

  public static final String EXECUTOR_WAIT = "cluster.executor-wait-seconds";
}
