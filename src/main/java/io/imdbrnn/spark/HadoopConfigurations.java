package io.imdbrnn.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/** Hadoop settings and path checks for code that runs before (or without) a Spark session. */
public final class HadoopConfigurations {
  private static final String PREFIX = "spark.hadoop.";

  private HadoopConfigurations() {}

  /** A Hadoop configuration with the {@code spark.hadoop.*} settings Spark itself would apply. */
  public static Configuration fromSparkConf() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> e : new SparkConf().getAll()) {
      if (e._1().startsWith(PREFIX)) {
        conf.set(e._1().substring(PREFIX.length()), e._2());
      }
    }
    return conf;
  }

  /** Fails with a message naming the setting when {@code path} does not exist. */
  public static void requireExists(Configuration conf, String path, String settingKey) {
    Path p = new Path(path);
    try {
      if (!p.getFileSystem(conf).exists(p)) {
        throw new IllegalArgumentException(
            "Input " + path + " (" + settingKey + ") does not exist.");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot check " + path + " (" + settingKey + "): " + e.getMessage(), e);
    }
  }
}
