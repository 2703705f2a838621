package io.imdbrnn.runtime;

import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * A session for one command. Stops it on close only if this lease started it, so a command run
 * inside an application (or a test) that already has a session leaves that session alone.
 */
public final class SparkSessionLease implements AutoCloseable {
  private final SparkSession spark;
  private final boolean owned;
  private final Optional<ExecutorWatchdog> watchdog;

  private SparkSessionLease(
      SparkSession spark, boolean owned, Optional<ExecutorWatchdog> watchdog) {
    this.spark = spark;
    this.owned = owned;
    this.watchdog = watchdog;
  }

  public static SparkSessionLease acquire(String appName) {
    return acquire(appName, null, null, false);
  }

  /**
   * As {@link #acquire(String)}; a session this lease starts on a cluster is returned once its
   * first executor has registered (or fails after {@code executorWait}), and is watched: a job that
   * waits {@code executorWait} with no executor is cancelled ({@link #executorFailure}). Its
   * executors' one-off start-up is then paid and logged ({@link ExecutorWarmUp}).
   *
   * @param waitSetting the setting that holds {@code executorWait}, for the message
   * @param nativeBackend the command trains or scores on the executors (ND4J is loaded up front)
   */
  public static SparkSessionLease acquire(
      String appName, Duration executorWait, String waitSetting, boolean nativeBackend) {
    var existing = SparkSession.getActiveSession();
    if (existing.isDefined()) {
      return new SparkSessionLease(existing.get(), false, Optional.empty());
    }
    var fallback = SparkSession.getDefaultSession();
    if (fallback.isDefined()) {
      return new SparkSessionLease(fallback.get(), false, Optional.empty());
    }
    SparkSession spark = SparkSessions.getOrCreate(appName);
    SparkSessionLease lease =
        new SparkSessionLease(
            spark,
            true,
            executorWait == null
                ? Optional.empty()
                : ExecutorWatchdog.watch(spark.sparkContext(), executorWait, waitSetting));
    try {
      if (lease.watchdog.isPresent()) {
        lease.watchdog.get().awaitFirstExecutor();
        ExecutorWarmUp.run(spark.sparkContext(), nativeBackend);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lease.close();
      throw new IllegalStateException("Interrupted while waiting for executors", e);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
    return lease;
  }

  /** Why this lease's watchdog cancelled the jobs, if it did. */
  public Optional<String> executorFailure() {
    return watchdog.flatMap(ExecutorWatchdog::failure);
  }

  public SparkSession spark() {
    return spark;
  }

  @Override
  public void close() {
    watchdog.ifPresent(ExecutorWatchdog::close);
    if (owned) {
      spark.stop();
    }
  }
}
