package io.imdbrnn.bench.jmh;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The FP32 fused multiply-add throughput one core of this machine reaches from Java: the ceiling
 * that the cells' GFLOP/s are compared with. Twelve independent accumulators of the preferred
 * vector width, so neither the FMA latency nor a dependency chain limits it, and no memory traffic.
 * One operation is {@link #ROUNDS} rounds: {@code 2 × 12 × lanes × ROUNDS} floating-point
 * operations (an FMA counts two), printed at setup. Run with {@code src/bench/jmh.sh
 * PeakFmaBenchmark}; GFLOP/s = score × {@link #flopsPerOp()} / 1e9.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class PeakFmaBenchmark {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int ROUNDS = 1 << 16;
  static final int ACCUMULATORS = 12;

  // Read from fields so the JIT cannot fold the arithmetic into constants.
  private float scale = 0.999f;
  private float shift = 1e-3f;

  /** Floating-point operations in one benchmark operation. */
  static long flopsPerOp() {
    return 2L * ACCUMULATORS * S.length() * ROUNDS;
  }

  /**
   * The lane count is the JVM's choice, so the factor from score to GFLOP/s is printed, not fixed.
   */
  @Setup
  public void sayFlopsPerOp() {
    System.out.printf(
        "PeakFmaBenchmark: %d lanes, %,d floating-point operations per operation%n",
        S.length(), flopsPerOp());
  }

  @Benchmark
  public float fma() {
    FloatVector m = FloatVector.broadcast(S, scale);
    FloatVector c = FloatVector.broadcast(S, shift);
    FloatVector a0 = FloatVector.broadcast(S, 0.1f);
    FloatVector a1 = FloatVector.broadcast(S, 0.2f);
    FloatVector a2 = FloatVector.broadcast(S, 0.3f);
    FloatVector a3 = FloatVector.broadcast(S, 0.4f);
    FloatVector a4 = FloatVector.broadcast(S, 0.5f);
    FloatVector a5 = FloatVector.broadcast(S, 0.6f);
    FloatVector a6 = FloatVector.broadcast(S, 0.7f);
    FloatVector a7 = FloatVector.broadcast(S, 0.8f);
    FloatVector a8 = FloatVector.broadcast(S, 0.9f);
    FloatVector a9 = FloatVector.broadcast(S, 1.0f);
    FloatVector a10 = FloatVector.broadcast(S, 1.1f);
    FloatVector a11 = FloatVector.broadcast(S, 1.2f);
    for (int i = 0; i < ROUNDS; i++) {
      a0 = a0.fma(m, c);
      a1 = a1.fma(m, c);
      a2 = a2.fma(m, c);
      a3 = a3.fma(m, c);
      a4 = a4.fma(m, c);
      a5 = a5.fma(m, c);
      a6 = a6.fma(m, c);
      a7 = a7.fma(m, c);
      a8 = a8.fma(m, c);
      a9 = a9.fma(m, c);
      a10 = a10.fma(m, c);
      a11 = a11.fma(m, c);
    }
    return a0.add(a1)
        .add(a2)
        .add(a3)
        .add(a4)
        .add(a5)
        .add(a6)
        .add(a7)
        .add(a8)
        .add(a9)
        .add(a10)
        .add(a11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
