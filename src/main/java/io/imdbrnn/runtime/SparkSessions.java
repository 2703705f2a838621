package io.imdbrnn.runtime;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the application's session. The master is never set here: spark-submit, submit/local.sh or
 * the test fixture decide it, so the same code runs on a laptop and on YARN/Kubernetes.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      throw new IllegalStateException(
          "No Spark master is set. Run through submit/local.sh (local[*]), submit/cluster.sh or "
              + "spark-submit, or pass -Dspark.master=local[*] to java.");
    }
    return SparkSession.builder().appName(appName).config(conf).getOrCreate();
  }
}
