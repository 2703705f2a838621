package io.imdbrnn.bench.jmh;

import io.imdbrnn.runtime.OpenBlasKernels;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * The matrix products a wide recurrent layer hands to BLAS through ND4J, one thread, at the shapes
 * of one training minibatch of the GRU-256 (32 texts of 500 steps, embeddings 128): the input
 * projection {@code x · W} ({@code [16000 × 128] · [128 × 768]}) and the recurrent weights'
 * gradient {@code hᵀ · dz} ({@code [16000 × 256]ᵀ · [16000 × 768]}). OpenBLAS picks its kernels
 * when it loads, from {@code OPENBLAS_CORETYPE} or, unset, as {@link OpenBlasKernels} chooses: run
 * once per value to compare them, e.g. {@code OPENBLAS_CORETYPE=Haswell src/bench/jmh.sh
 * GemmBenchmark}. GFLOP/s = score × {@link #flopsPerOp} / 1e9 (printed at setup).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class GemmBenchmark {
  static final int ROWS = 32 * 500;
  static final int HIDDEN = 256;
  static final int EMBEDDING = 128;
  static final int GATES = 3 * HIDDEN;

  /** {@code projection} ({@code x · W}) or {@code gradient} ({@code hᵀ · dz}). */
  @Param({"projection", "gradient"})
  public String product;

  private INDArray left;
  private INDArray right;
  private INDArray out;
  private boolean transposeLeft;

  static long flopsPerOp(String product) {
    int k = product.equals("gradient") ? ROWS : EMBEDDING;
    int m = product.equals("gradient") ? HIDDEN : ROWS;
    return 2L * m * k * GATES;
  }

  @Setup(Level.Trial)
  public void setUp() {
    OpenBlasKernels.apply();
    Nd4j.getRandom().setSeed(7);
    transposeLeft = product.equals("gradient");
    if (transposeLeft) {
      left = Nd4j.rand(DataType.FLOAT, ROWS, HIDDEN);
      right = Nd4j.rand(DataType.FLOAT, ROWS, GATES);
      out = Nd4j.create(DataType.FLOAT, HIDDEN, GATES);
    } else {
      left = Nd4j.rand(DataType.FLOAT, ROWS, EMBEDDING);
      right = Nd4j.rand(DataType.FLOAT, EMBEDDING, GATES);
      out = Nd4j.create(DataType.FLOAT, ROWS, GATES);
    }
    System.out.printf(
        "GemmBenchmark: %s, OPENBLAS_CORETYPE=%s, %,d floating-point operations per operation%n",
        product,
        System.getenv("OPENBLAS_CORETYPE") == null
            ? "unset (this program chooses)"
            : System.getenv("OPENBLAS_CORETYPE"),
        flopsPerOp(product));
  }

  @Benchmark
  public INDArray multiply() {
    return Nd4j.gemm(left, right, out, transposeLeft, false, 1.0, 0.0);
  }
}
