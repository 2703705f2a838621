package io.imdbrnn.bench.jmh;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.generate.TextGenerator;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.NextTokenBatch;
import io.imdbrnn.text.TextUnits;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
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
 * The next-char model on one thread: a training step (a minibatch of 32 windows of 100 characters
 * out of 99 ids, a different one each call; chars/s is 3,200x the score) for the PyTorch peer's
 * recurrent shape (E 32, H 32) and the recipe's GRU (H 256), and generating 1,000 characters with
 * {@link TextGenerator} (one {@code rnnTimeStep} per character) from the recipe's shape. Run with
 * {@code src/bench/chars.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1)
public class CharBenchmark {
  static final int VOCAB = 99;
  static final int WINDOW = 100;
  static final int BATCH = 32;
  private static final int POOL = 16;

  /** {@code cell-hidden}: the peer's shapes and the recipe's. */
  @Param({"simple-rnn-32", "lstm-32", "gru-32", "gru-256"})
  public String shape;

  private MultiLayerNetwork net;
  private DataSet[] batches;
  private TextGenerator generator;
  private int next;
  private long seed;

  @Setup(Level.Trial)
  public void setUp() {
    // What a command does first: the BLAS kernels users get (see OpenBlasKernels).
    io.imdbrnn.runtime.OpenBlasKernels.apply();
    int dash = shape.lastIndexOf('-');
    Cell cell =
        switch (shape.substring(0, dash)) {
          case "simple-rnn" -> Cell.SIMPLE_RNN;
          case "lstm" -> Cell.LSTM;
          case "gru" -> Cell.GRU;
          default -> throw new IllegalArgumentException("Unknown shape " + shape);
        };
    int hidden = Integer.parseInt(shape.substring(dash + 1));
    NetworkSpec spec = specOf(cell, hidden);
    net = NetworkFactory.create(spec);
    Random random = new Random(7);
    batches = new DataSet[POOL];
    for (int i = 0; i < POOL; i++) {
      int[][] windows = new int[BATCH][WINDOW + 1];
      for (int[] w : windows) {
        for (int t = 0; t < w.length; t++) {
          w[t] = Vocabulary.FIRST_WORD_ID + random.nextInt(VOCAB - Vocabulary.FIRST_WORD_ID);
        }
      }
      batches[i] = NextTokenBatch.of(windows, VOCAB);
    }
    List<String> chars = new ArrayList<>();
    for (int i = 0; i < VOCAB - Vocabulary.FIRST_WORD_ID; i++) {
      chars.add(String.valueOf((char) ('!' + i)));
    }
    // A network of its own: generation must not see the training steps' changes.
    generator =
        new TextGenerator(NetworkFactory.create(spec), new Vocabulary(chars), TextUnits.CHARACTERS);
  }

  private static NetworkSpec specOf(Cell cell, int hidden) {
    return new NetworkSpec(
        cell,
        VOCAB,
        WINDOW,
        32,
        hidden,
        2e-3,
        42,
        true,
        1,
        false,
        0,
        Pooling.LAST,
        Head.NEXT_TOKEN);
  }

  @Benchmark
  public void train() {
    net.fit(batches[next++ % POOL]);
  }

  /** 1,000 characters; the score is generations per second. */
  @Benchmark
  public String generate() {
    return generator.generate("The movie was", 1000, 0.8, 0, seed++);
  }

  /** Eight samples of 1,000 characters side by side (two tiles of rows); generations per second. */
  @Benchmark
  public List<String> generateEight() {
    return generator.generate("The movie was", 1000, 0.8, 0, seed++, 8);
  }
}
