package io.imdbrnn.model.fused;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
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
 * One Adam step over the reference network's 322,113 parameters: our SIMD kernel ({@code vector},
 * {@link VectorAdamUpdater}) against ND4J's native Adam op ({@code nd4j}), on one thread. In this
 * package because the kernel is package-private. Each step first restores the gradient (the update
 * is written into it); {@code copy-only} measures that copy alone, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class AdamBenchmark {
  private static final int PARAMETERS = 322_113;

  @Param({"vector", "nd4j", "copy-only"})
  public String updater;

  private GradientUpdater<Adam> adam;
  private INDArray gradient;
  private INDArray fresh;
  private int iteration;
  private boolean copyOnly;

  @Setup(Level.Trial)
  public void setUp() {
    Adam config = new Adam(1e-3);
    adam = updater.equals("vector") ? new VectorAdamUpdater(config) : new AdamUpdater(config);
    copyOnly = updater.equals("copy-only");
    INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2L * PARAMETERS);
    adam.setStateViewArray(state, new long[] {1, PARAMETERS}, 'c', true);
    fresh = Nd4j.rand(DataType.FLOAT, 1, PARAMETERS).subi(0.5);
    gradient = fresh.dup();
  }

  @Benchmark
  public INDArray step() {
    // The update is written into the gradient: start each step from the same values.
    gradient.assign(fresh);
    if (!copyOnly) {
      adam.applyUpdater(gradient, iteration++, 0);
    }
    return gradient;
  }
}
