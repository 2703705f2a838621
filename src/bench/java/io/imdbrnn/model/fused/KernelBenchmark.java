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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sequential part of the simple RNN alone, forward over a training minibatch of the reference
 * shape (32 rows, 500 steps, 32 ReLU units): the SIMD float kernel against the scalar kernel that
 * double-precision networks (and the gradient checks) run. The rest of a training step (the
 * projections, the embedding, Adam) is in {@code CellBenchmark}. In this package because the
 * kernels are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class KernelBenchmark {
  private static final int ROWS = 32;
  private static final int STEPS = 500;
  private static final int N = 32;

  private float[] zx;
  private float[] bias;
  private float[] u;
  private float[] state;
  private double[] zxD;
  private double[] biasD;
  private double[] uD;
  private double[] stateD;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(3);
    zx = new float[ROWS * STEPS * N];
    u = new float[N * N];
    bias = new float[N];
    for (int i = 0; i < zx.length; i++) {
      zx[i] = (float) random.nextGaussian() * 0.5f;
    }
    // An orthogonal-like scale keeps the ReLU recurrence from blowing up or dying out.
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) (random.nextGaussian() / Math.sqrt(N));
    }
    state = new float[ROWS * STEPS * N];
    zxD = toDouble(zx);
    uD = toDouble(u);
    biasD = toDouble(bias);
    stateD = new double[state.length];
  }

  private static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  @Benchmark
  public float[] simdFloat() {
    VectorRnnKernel.forward(zx, bias, u, null, null, CellActivation.RELU, ROWS, STEPS, N, state);
    return state;
  }

  @Benchmark
  public double[] scalarDouble() {
    ScalarRnnKernel.forward(
        zxD, biasD, uD, null, null, CellActivation.RELU, ROWS, STEPS, N, stateD);
    return stateD;
  }
}
