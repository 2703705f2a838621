package io.imdbrnn.runtime;

import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one step of a stage under a Spark job group, so the Spark UI shows "ingest: reading archive"
 * instead of "parquet at NativeMethodAccessorImpl", and logs how long the step took.
 */
public final class SparkStage {
  private static final Logger LOG = LoggerFactory.getLogger(SparkStage.class);

  private final SparkSession spark;
  private final String stage;

  public SparkStage(SparkSession spark, String stage) {
    this.spark = spark;
    this.stage = stage;
  }

  public <T> T step(String description, Supplier<T> work) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String label = stage + ": " + description;
    jsc.setJobGroup(stage, label, false);
    long start = System.nanoTime();
    LOG.info("{} ...", label);
    try {
      T result = work.get();
      LOG.info(
          "{} done in {} s",
          label,
          String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
      return result;
    } finally {
      jsc.clearJobGroup();
    }
  }

  public void run(String description, Runnable work) {
    step(
        description,
        () -> {
          work.run();
          return null;
        });
  }
}
