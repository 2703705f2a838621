package io.imdbrnn.model.fused;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-step softmax head alone ({@link SoftmaxRows}) over a next-char minibatch: 32 windows of
 * 100 steps, 99 classes, from 32 or 256 units; the loss pass and the training pass (loss and all
 * gradients). The whole training step is in {@code CharBenchmark}. In this package because the
 * kernel is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class SoftmaxRowsBenchmark {
  private static final int ROWS = 32 * 100;
  private static final int CLASSES = 99;

  @Param({"32", "256"})
  public int units;

  private SoftmaxRows head;
  private float[] x;
  private float[] targets;
  private float[] dwt;
  private float[] db;
  private float[] dx;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(5);
    float[] w = new float[units * CLASSES];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian() * 0.1f;
    }
    head =
        new SoftmaxRows(new SoftmaxRows.Parameters(w, new float[CLASSES]), units, CLASSES, 1e-10);
    x = new float[ROWS * units];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    targets = new float[ROWS];
    for (int r = 0; r < ROWS; r++) {
      targets[r] = random.nextInt(CLASSES);
    }
    dwt = new float[CLASSES * units];
    db = new float[CLASSES];
    dx = new float[ROWS * units];
  }

  @Benchmark
  public double loss() {
    return head.loss(x, targets, null);
  }

  @Benchmark
  public double backward() {
    return head.backward(x, targets, null, dwt, db, dx);
  }
}
