package io.imdbrnn.train;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress within an epoch's fitting, in the log: dl4j-spark ends each averaging round with a
 * {@code treeAggregate} job, so those jobs tell how many rounds are done, hence the samples per
 * second and the time left. A line at most every {@code every}, so a long epoch (a language
 * model's) shows where it is and a short one stays quiet.
 */
final class RoundProgress extends SparkListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoundProgress.class);

  private final SparkContext context;
  private final String step;
  private final long rounds;
  private final long samplesPerRound;
  private final long everyNanos;
  private final long start = System.nanoTime();
  private final AtomicInteger done = new AtomicInteger();
  private final java.util.Set<Integer> roundJobs =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long lastLine = start;

  private RoundProgress(
      SparkContext context, String step, long rounds, long samplesPerRound, Duration every) {
    this.context = context;
    this.step = step;
    this.rounds = rounds;
    this.samplesPerRound = samplesPerRound;
    this.everyNanos = every.toNanos();
  }

  /**
   * Watches the fitting of {@code minibatches} in rounds of {@code roundLength} minibatches per
   * worker until closed.
   *
   * @param samplesPerMinibatch what the progress line counts per minibatch (reviews, or the ids a
   *     language model predicts), on average
   */
  static RoundProgress watch(
      SparkContext context,
      String step,
      long minibatches,
      int roundLength,
      int workers,
      double samplesPerMinibatch,
      Duration every) {
    long perRound = (long) roundLength * workers;
    long rounds = Math.max(1, (minibatches + perRound - 1) / perRound);
    RoundProgress p =
        new RoundProgress(context, step, rounds, Math.round(perRound * samplesPerMinibatch), every);
    context.addSparkListener(p);
    return p;
  }

  /**
   * The rounds dl4j-spark cuts an epoch into: the minibatches over workers × round length, rounded
   * down (the last round takes the rest), and at least one.
   */
  static long rounds(long minibatches, int roundLength, int workers) {
    return Math.max(1, minibatches / ((long) roundLength * workers));
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    if (jobStart.stageInfos().exists(s -> s.name().startsWith("treeAggregate"))) {
      roundJobs.add(jobStart.jobId());
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    if (!roundJobs.remove(jobEnd.jobId())) {
      return;
    }
    int done = this.done.incrementAndGet();
    long now = System.nanoTime();
    if (done >= rounds || now - lastLine < everyNanos) {
      return;
    }
    lastLine = now;
    double seconds = (now - start) / 1e9;
    LOG.info(
        "{}: round {} of {} ({} %), {} samples/s, ETA {}",
        step,
        done,
        rounds,
        100 * done / rounds,
        String.format("%,.0f", done * samplesPerRound / seconds),
        EpochProgress.format(seconds / done * (rounds - done)));
  }

  @Override
  public void close() {
    context.removeSparkListener(this);
  }
}
