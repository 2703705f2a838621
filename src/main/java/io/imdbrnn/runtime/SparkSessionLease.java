package io.imdbrnn.runtime;

import org.apache.spark.sql.SparkSession;

/**
 * A session for one command. Stops it on close only if this lease started it, so a command run
 * inside an application (or a test) that already has a session leaves that session alone.
 */
public final class SparkSessionLease implements AutoCloseable {
  private final SparkSession spark;
  private final boolean owned;

  private SparkSessionLease(SparkSession spark, boolean owned) {
    this.spark = spark;
    this.owned = owned;
  }

  public static SparkSessionLease acquire(String appName) {
    var existing = SparkSession.getActiveSession();
    if (existing.isDefined()) {
      return new SparkSessionLease(existing.get(), false);
    }
    var fallback = SparkSession.getDefaultSession();
    if (fallback.isDefined()) {
      return new SparkSessionLease(fallback.get(), false);
    }
    return new SparkSessionLease(SparkSessions.getOrCreate(appName), true);
  }

  public SparkSession spark() {
    return spark;
  }

  @Override
  public void close() {
    if (owned) {
      spark.stop();
    }
  }
}
