package io.imdbrnn.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress inside one long library call that runs a Spark job per unit of its work, in the log:
 * dl4j-spark ends each averaging round with a {@code treeAggregate} job, and MLlib's Word2Vec runs
 * a job per pass over the texts. Counting the jobs that hold a stage of that name tells how many
 * units are done, hence the rate and the time left. A line at most every {@code every}, so long
 * work shows where it is and short work stays quiet.
 */
public final class JobProgress extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);

  private final SparkContext context;
  private final String step;
  private final String stagePrefix;
  private final String unit;
  private final long units;
  private final long samplesPerUnit;
  private final String samples;
  private final long everyNanos;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final Set<Integer> watched = ConcurrentHashMap.newKeySet();
  private volatile long lastLine = start;

  /**
   * Progress that logs {@code <step>: <unit> 3 of 10 (30 %), 1,234 <samples>/s, ETA 0:01:05} once
   * {@link #start}ed, until closed.
   *
   * @param stagePrefix how the name of a stage of each unit's job starts
   * @param units the units the work has
   * @param samplesPerUnit what the rate counts per unit (reviews, words, texts), on average
   */
  public JobProgress(
      SparkContext context,
      String step,
      String stagePrefix,
      String unit,
      long units,
      long samplesPerUnit,
      String samples,
      Duration every) {
    this.context = context;
    this.step = step;
    this.stagePrefix = stagePrefix;
    this.unit = unit;
    this.units = Math.max(1, units);
    this.samplesPerUnit = samplesPerUnit;
    this.samples = samples;
    this.everyNanos = every.toNanos();
  }

  /** Starts watching the context's jobs. */
  public JobProgress start() {
    context.addSparkListener(this);
    return this;
  }

  /** {@code h:mm:ss}. */
  public static String duration(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.stageInfos().exists(s -> s.name().startsWith(stagePrefix))) {
      watched.add(jobStart.jobId());
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    if (!watched.remove(jobEnd.jobId())) {
      return;
    }
    int done = this.done.incrementAndGet();
    long now = System.nanoTime();
    if (done >= units || now - lastLine < everyNanos) {
      return;
    }
    lastLine = now;
    LOG.info(line(done, (now - start) / 1e9));
  }

  /** Units done so far. */
  int done() {
    return done.get();
  }

  /** The progress line after {@code done} units in {@code seconds}. */
  String line(int done, double seconds) {
    return String.format(
        "%s: %s %d of %d (%d %%), %,.0f %s/s, ETA %s",
        step,
        unit,
        done,
        units,
        100 * done / units,
        done * samplesPerUnit / seconds,
        samples,
        duration(seconds / done * (units - done)));
  }

  @Override
  public void close() {
    context.removeSparkListener(this);
  }
}
