package io.imdbrnn.runtime;

import io.imdbrnn.errors.BadInputException;
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
        throw new BadInputException("Input " + path + " (" + settingKey + ") does not exist.");
      }
    } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
      throw noFileSystem(p, settingKey, e);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot check " + path + " (" + settingKey + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Hadoop knows the scheme (e.g. s3a) but its implementation class is not on the classpath.
      if (e.getCause() instanceof ClassNotFoundException) {
        throw noFileSystem(p, settingKey, e);
      }
      throw e;
    }
  }

  private static BadInputException noFileSystem(Path p, String settingKey, Exception e) {
    String scheme = p.toUri().getScheme();
    return new BadInputException(
        String.format(
            "Input %s (%s): no Hadoop filesystem for the '%s' scheme on the classpath.%s",
            p,
            settingKey,
            scheme,
            "s3a".equals(scheme)
                ? " For S3, add hadoop-aws matching Spark's Hadoop, e.g. spark-submit --packages"
                    + " org.apache.hadoop:hadoop-aws:3.3.4."
                : ""),
        e);
  }
}
