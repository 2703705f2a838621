package io.imdbrnn.bench.jmh;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.PaddedBatch;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
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
 * One training step (a minibatch of 32) and one inference batch (256) of each cell on one thread,
 * on the reference shape (vocabulary 10,000, 500 steps, embeddings 32, 32 units; other widths and
 * softmax heads by parameter), as the PyTorch peer measures them: synthetic ids 1..9999, a
 * different batch each call (cycled from a pool built in setup, so generating ids is not timed).
 * Inference goes through the scoring path that {@code evaluate} and {@code predict} use. Scores are
 * operations per second: samples/s is 32x (train) or 256x (infer) that. Run with {@code
 * src/bench/cells.sh}, or {@code src/bench/jmh.sh CellBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1)
public class CellBenchmark {
  static final int VOCAB = 10_000;
  static final int STEPS = 500;
  static final int TRAIN_ROWS = 32;
  static final int INFER_ROWS = 256;
  private static final int POOL = 16;

  /** The cell; {@code -bi} is the bidirectional layer, {@code -stock} DL4J's own. */
  @Param({"simple-rnn", "lstm", "gru", "lstm-bi", "gru-bi", "lstm-stock"})
  public String cell;

  /**
   * The head: 1 is the sigmoid of a two-class model (as the peer's {@code classes=1}); 3 or more a
   * softmax over that many classes with sparse cross-entropy, as {@code train} builds for K
   * classes.
   */
  @Param({"1"})
  public int classes;

  /**
   * Embedding width and recurrent units: 32 is the reference shape; wider for the share of peak.
   */
  @Param({"32"})
  public int embedding;

  @Param({"32"})
  public int hidden;

  private MultiLayerNetwork trainNet;
  private MultiLayerNetwork inferNet;
  private DataSet[] trainBatches;
  private float[][][] inferBatches;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    // What a command does first: the BLAS kernels users get (see OpenBlasKernels).
    io.imdbrnn.runtime.OpenBlasKernels.apply();
    NetworkSpec spec = spec(cell, classes, embedding, hidden);
    trainNet = NetworkFactory.create(spec);
    inferNet = NetworkFactory.create(spec);
    Random random = new Random(7);
    trainBatches = new DataSet[POOL];
    inferBatches = new float[POOL][][];
    for (int i = 0; i < POOL; i++) {
      // A class index per row for the softmax head (sparse labels), 0 or 1 for the sigmoid.
      float[][] labels = new float[TRAIN_ROWS][1];
      for (float[] l : labels) {
        l[0] = random.nextInt(Math.max(2, classes));
      }
      trainBatches[i] =
          new DataSet(Nd4j.createFromArray(ids(random, TRAIN_ROWS)), Nd4j.createFromArray(labels));
      inferBatches[i] = ids(random, INFER_ROWS);
    }
  }

  @Benchmark
  public void train() {
    trainNet.fit(trainBatches[next++ % POOL]);
  }

  @Benchmark
  public INDArray infer() {
    return PaddedBatch.probabilities(inferNet, inferBatches[next++ % POOL], false);
  }

  /** The reference network with the named cell and head. */
  static NetworkSpec spec(String name, int classes, int embedding, int hidden) {
    if (classes == 2 || classes < 1) {
      throw new IllegalArgumentException(
          "classes is 1 (the sigmoid head) or at least 3 (softmax), not " + classes);
    }
    boolean bidirectional = name.endsWith("-bi");
    Cell cell =
        switch (name) {
          case "simple-rnn" -> Cell.SIMPLE_RNN;
          case "simple-rnn-stock" -> Cell.SIMPLE_RNN_STOCK;
          case "lstm", "lstm-bi" -> Cell.LSTM;
          case "lstm-stock" -> Cell.LSTM_STOCK;
          case "gru", "gru-bi" -> Cell.GRU;
          default -> throw new IllegalArgumentException("Unknown cell " + name);
        };
    return new NetworkSpec(
        cell,
        VOCAB,
        STEPS,
        embedding,
        hidden,
        1e-3,
        42,
        false,
        1,
        bidirectional,
        0.0,
        Pooling.LAST,
        classes == 1 ? Head.BINARY : Head.CLASSES,
        classes == 1 ? 2 : classes,
        NetworkSpec.UNUSED_CONV_WIDTH);
  }

  /** Random ids 1..9999, as the PyTorch peer generates them. */
  static float[][] ids(Random random, int rows) {
    float[][] ids = new float[rows][STEPS];
    for (float[] row : ids) {
      for (int t = 0; t < STEPS; t++) {
        row[t] = 1 + random.nextInt(VOCAB - 1);
      }
    }
    return ids;
  }
}
