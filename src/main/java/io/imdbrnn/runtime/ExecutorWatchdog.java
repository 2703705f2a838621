package io.imdbrnn.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a job that can never run fail instead of hang: on a cluster, when a job has been waiting
 * with no executor at all for longer than the configured time (the executor size fits no worker,
 * the cluster is full, every executor was lost), it cancels the application's jobs and records why,
 * naming the resources asked for and how to change them. A command also waits for the first
 * executor before it starts ({@link #awaitFirstExecutor}), under the same limit. Not started in
 * local mode, where the driver runs the tasks itself.
 */
public final class ExecutorWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorWatchdog.class);
  private static final long POLL_MILLIS = 1_000;

  private final SparkContext sc;
  private final long waitMillis;
  private final String setting;
  private final ScheduledExecutorService timer;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private long waitingSince = -1;

  private ExecutorWatchdog(SparkContext sc, Duration wait, String setting) {
    this.sc = sc;
    this.waitMillis = wait.toMillis();
    this.setting = setting;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "executor-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches {@code sc}, or does nothing in local mode.
   *
   * @param setting the setting that holds {@code wait}, for the message
   */
  public static Optional<ExecutorWatchdog> watch(SparkContext sc, Duration wait, String setting) {
    return sc.isLocal() ? Optional.empty() : Optional.of(new ExecutorWatchdog(sc, wait, setting));
  }

  /**
   * Blocks until the first executor has registered, so that the work a command times (and its
   * progress figures) starts with somewhere to run; executor start-up is logged as its own figure.
   * Fails after the wait as a waiting job would.
   */
  void awaitFirstExecutor() throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    while (executors() == 0) {
      if (System.nanoTime() - deadline >= 0) {
        failure.set(message(sc.getConf()));
        throw new IllegalStateException(failure.get());
      }
      Thread.sleep(50);
    }
    LOG.info(
        "Executor start-up: {} executor(s) with {} core(s) registered {} s after the session"
            + " started",
        executors(),
        sc.defaultParallelism(),
        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
  }

  /** The executors registered now; the driver is listed among them, so it is left out. */
  private int executors() {
    return sc.statusTracker().getExecutorInfos().length - 1;
  }

  /** Why the jobs were cancelled, if they were. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure.get());
  }

  private void check() {
    try {
      if (failure.get() != null || sc.isStopped()) {
        return;
      }
      boolean noExecutor = executors() == 0;
      boolean jobWaiting = sc.statusTracker().getActiveStageIds().length > 0;
      long now = System.currentTimeMillis();
      if (!(noExecutor && jobWaiting)) {
        waitingSince = -1;
        return;
      }
      if (waitingSince < 0) {
        waitingSince = now;
        return;
      }
      if (now - waitingSince >= waitMillis) {
        failure.set(message(sc.getConf()));
        LOG.error(failure.get());
        sc.cancelAllJobs();
      }
    } catch (RuntimeException e) {
      LOG.warn("Executor watchdog: {}", e.getMessage());
    }
  }

  private String message(SparkConf conf) {
    return String.format(
        "No executor registered with master %s within %d s (%s). Each executor asks for spark.executor.cores=%s and spark.executor.memory=%s +"
            + " spark.executor.memoryOverhead=%s%s; no worker offered that. Ask for less (e.g."
            + " submit/cluster.sh --executor-cores 1 --executor-memory 2g --conf"
            + " spark.executor.memoryOverhead=1g -- ...), free the cluster, or use larger workers.",
        sc.master(),
        waitMillis / 1000,
        setting,
        conf.get("spark.executor.cores", "1"),
        conf.get("spark.executor.memory", "1g"),
        conf.get("spark.executor.memoryOverhead", "10% (at least 384m)"),
        conf.contains("spark.cores.max") ? ", spark.cores.max=" + conf.get("spark.cores.max") : "");
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
