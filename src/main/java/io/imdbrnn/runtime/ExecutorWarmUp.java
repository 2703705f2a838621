package io.imdbrnn.runtime;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pays an executor's one-off start-up in a job of its own, before a command's timed work: the first
 * task on a fresh executor fetches the application jar from the driver and loads its classes, and
 * the first that touches ND4J loads its native backend (seconds each). Done once here, it is logged
 * as start-up, so that progress figures and "finished its work" measure the work, as in local mode
 * where the driver's JVM already holds all of it. Executors that join later pay it in their first
 * task.
 */
public final class ExecutorWarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWarmUp.class);

  private ExecutorWarmUp() {}

  /**
   * Runs one task per registered core.
   *
   * @param nativeBackend also load ND4J's native backend (for commands that train or score)
   */
  public static void run(SparkContext sc, boolean nativeBackend) {
    int slots = Math.max(1, sc.defaultParallelism());
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    jsc.setJobDescription("executor start-up" + (nativeBackend ? " (ND4J native backend)" : ""));
    try {
      jsc.parallelize(IntStream.range(0, slots).boxed().collect(Collectors.toList()), slots)
          .foreachPartition(
              nativeBackend ? ExecutorWarmUp::loadNativeBackend : ExecutorWarmUp::loadClasses);
    } finally {
      jsc.setJobDescription(null);
    }
    LOG.info(
        "Executor start-up: jar and classes{} loaded on {} core(s) in {} s",
        nativeBackend ? ", ND4J's native backend" : "",
        slots,
        String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
  }

  /** Nothing to do: running a task of this class is what fetches the jar and loads it. */
  private static void loadClasses(java.util.Iterator<Integer> ignored) {}

  private static void loadNativeBackend(java.util.Iterator<Integer> ignored) {
    OpenBlasKernels.apply();
    Nd4j.getBackend();
  }
}
