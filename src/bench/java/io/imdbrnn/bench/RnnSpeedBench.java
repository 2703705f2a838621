package io.imdbrnn.bench;

import io.imdbrnn.config.Cell;
import io.imdbrnn.datasets.TokenizedDataset;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.PaddedBatch;
import io.imdbrnn.runtime.SparkSessions;
import io.imdbrnn.train.DataSetBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Single-thread speed of the reference network, stock DL4J SimpleRnn against the fused layer, the
 * way the PyTorch peer measures it (synthetic ids, 5 warm-up and 50 timed minibatches, median of
 * repetitions), plus masked + bucketed training on real IMDB review lengths. Prints Markdown table
 * rows; asserts nothing. Run with src/bench/rnn.sh, which pins native threads to one.
 *
 * <p>Arguments: prepared-dataset-dir [repetitions=3] [stock=true]
 */
public final class RnnSpeedBench {
  private static final int VOCAB = 10_000;
  private static final int STEPS = 500;
  private static final int WARMUP = 5;
  private static final int TIMED = 50;

  private RnnSpeedBench() {}

  public static void main(String[] args) {
    String prepared = args[0];
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean stock = args.length <= 2 || Boolean.parseBoolean(args[2]);
    System.out.println("| measure | stock SimpleRnn | fused | fused / stock |");
    System.out.println("| --- | ---: | ---: | ---: |");
    // Every figure is taken the same way: after one untimed pass of everything it measures (on a
    // 2-vCPU VM the JIT compiler threads compete with the first measurements: measured cold, one
    // thread trained at 2,036 samples/s while each of two threads later did 2,378), and on threads
    // started for it, one or two, never the main thread. Fused first: measured after the stock
    // network in the same JVM, the fused one ran about 40 % slower, for reasons not pinned down.
    List<Row> reviews = trainRows(prepared, 6_400);
    warmUp(reviews);
    double fusedTrain = median(reps, () -> alone(() -> train(Cell.SIMPLE_RNN)));
    double fusedInfer = median(reps, () -> alone(() -> infer(Cell.SIMPLE_RNN)));
    double twoThreads = median(reps, () -> twoThreadsTrain(spec(Cell.SIMPLE_RNN, false), TIMED));
    double stockTrain =
        stock ? median(reps, () -> alone(() -> train(Cell.SIMPLE_RNN_STOCK))) : Double.NaN;
    double stockInfer =
        stock ? median(reps, () -> alone(() -> infer(Cell.SIMPLE_RNN_STOCK))) : Double.NaN;
    row("train samples/s, batch 32, T 500, 1 thread", stockTrain, fusedTrain);
    row("inference samples/s, batch 256, T 500, 1 thread", stockInfer, fusedInfer);

    System.out.println();
    System.out.println(
        "| two threads, each training its own fused network, no Spark | samples/s |");
    System.out.println("| --- | ---: |");
    System.out.printf("| one thread (above) | %,.0f |%n", fusedTrain);
    System.out.printf(
        "| two threads together | %,.0f (%.2fx) |%n", twoThreads, twoThreads / fusedTrain);

    double padded = median(reps, () -> alone(() -> reviewsPerSecond(reviews, false)));
    double bucketed = median(reps, () -> alone(() -> reviewsPerSecond(reviews, true)));
    // The ceiling again on the data Spark trains on: real reviews cost less per step than
    // synthetic ids (their padding makes the embedding gradient touch few rows).
    double twoThreadsReal = median(reps, () -> together(() -> reviewsPerSecond(reviews, false)));
    System.out.printf("| one thread, real reviews (below) | %,.0f |%n", padded);
    System.out.printf(
        "| two threads together, real reviews | %,.0f (%.2fx) |%n",
        twoThreadsReal, twoThreadsReal / padded);
    System.out.println();
    System.out.println("| fused training on " + reviews.size() + " real reviews | reviews/s |");
    System.out.println("| --- | ---: |");
    System.out.printf("| padded to 500, unmasked | %,.0f |%n", padded);
    System.out.printf("| masked + bucketed (pools of 50 batches) | %,.0f |%n", bucketed);
    System.out.printf("| ratio | %.2fx |%n", bucketed / padded);
  }

  private static void row(String what, double stock, double fused) {
    System.out.printf(
        "| %s | %s | %,.0f | %s |%n",
        what,
        Double.isNaN(stock) ? "skipped" : String.format("%,.0f", stock),
        fused,
        Double.isNaN(stock) ? "" : String.format("%.1fx", fused / stock));
  }

  private static double median(int reps, Supplier<Double> measure) {
    double[] v = new double[reps];
    for (int i = 0; i < reps; i++) {
      v[i] = measure.get();
    }
    Arrays.sort(v);
    return v[reps / 2];
  }

  private static MultiLayerNetwork network(Cell cell, boolean mask) {
    return NetworkFactory.create(spec(cell, mask));
  }

  /** The reference shape (E 32, H 32, T 500, vocabulary 10,000) with {@code cell}. */
  static NetworkSpec spec(Cell cell, boolean mask) {
    return new NetworkSpec(cell, VOCAB, STEPS, 32, 32, 1e-3, 42, mask);
  }

  /** Random ids (1..9999), as the PyTorch peer generates them. */
  private static float[][] syntheticIds(Random random, int rows) {
    float[][] ids = new float[rows][STEPS];
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < STEPS; t++) {
        ids[r][t] = 1 + random.nextInt(VOCAB - 1);
      }
    }
    return ids;
  }

  /** Random ids and labels. */
  private static DataSet syntheticBatch(Random random, int rows) {
    float[][] labels = new float[rows][1];
    float[][] ids = syntheticIds(random, rows);
    for (int r = 0; r < rows; r++) {
      labels[r][0] = random.nextBoolean() ? 1f : 0f;
    }
    return new DataSet(Nd4j.createFromArray(ids), Nd4j.createFromArray(labels));
  }

  private static double train(Cell cell) {
    return train(spec(cell, false), TIMED);
  }

  /**
   * Training samples/s of a new {@code spec} network on one thread: {@value #WARMUP} warm-up
   * minibatches of 32, then {@code timed} timed ones, each a fresh synthetic batch.
   */
  static double train(NetworkSpec spec, int timed) {
    MultiLayerNetwork net = NetworkFactory.create(spec);
    Random random = new Random(7);
    List<DataSet> batches = new ArrayList<>();
    for (int i = 0; i < WARMUP + timed; i++) {
      batches.add(syntheticBatch(random, 32));
    }
    for (int i = 0; i < WARMUP; i++) {
      net.fit(batches.get(i));
    }
    long start = System.nanoTime();
    for (int i = WARMUP; i < WARMUP + timed; i++) {
      net.fit(batches.get(i));
    }
    return timed * 32 / ((System.nanoTime() - start) / 1e9);
  }

  /**
   * The machine's ceiling for two Spark workers: two threads training at once, nothing shared but
   * the hardware.
   */
  static double twoThreadsTrain(NetworkSpec spec, int timed) {
    return together(() -> train(spec, timed));
  }

  /** One untimed pass of each fused measurement, so that none of them is timed on a cold JIT. */
  private static void warmUp(List<Row> reviews) {
    train(Cell.SIMPLE_RNN);
    infer(Cell.SIMPLE_RNN);
    twoThreadsTrain(spec(Cell.SIMPLE_RNN, false), TIMED);
    reviewsPerSecond(reviews, false);
    reviewsPerSecond(reviews, true);
  }

  /** {@code rate} on one thread started for it, as each thread of {@link #together} runs. */
  private static double alone(java.util.function.DoubleSupplier rate) {
    return concurrently(1, rate);
  }

  /** The sum of two threads' rates, each running {@code rate} at the same time. */
  private static double together(java.util.function.DoubleSupplier rate) {
    return concurrently(2, rate);
  }

  private static double concurrently(int count, java.util.function.DoubleSupplier rate) {
    double[] result = new double[count];
    Thread[] threads = new Thread[count];
    for (int i = 0; i < count; i++) {
      int k = i;
      threads[i] = new Thread(() -> result[k] = rate.getAsDouble());
      threads[i].start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return Arrays.stream(result).sum();
  }

  private static double infer(Cell cell) {
    return infer(spec(cell, false), TIMED);
  }

  /**
   * Inference samples/s, minibatches of 256 cycled from a pool of 10, as the PyTorch peer; through
   * the scoring path {@code evaluate} and {@code predict} use ({@link PaddedBatch#probabilities}).
   */
  static double infer(NetworkSpec spec, int timed) {
    MultiLayerNetwork net = NetworkFactory.create(spec);
    Random random = new Random(9);
    List<float[][]> pool = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      pool.add(syntheticIds(random, 256));
    }
    for (int i = 0; i < WARMUP; i++) {
      PaddedBatch.probabilities(net, pool.get(i % pool.size()), false);
    }
    long start = System.nanoTime();
    for (int i = 0; i < timed; i++) {
      PaddedBatch.probabilities(net, pool.get(i % pool.size()), false);
    }
    return timed * 256 / ((System.nanoTime() - start) / 1e9);
  }

  private static List<Row> trainRows(String prepared, int limit) {
    SparkSession spark = SparkSessions.getOrCreate("imdb-rnn rnn bench");
    try {
      return TokenizedDataset.read(spark, prepared)
          .filter(TokenizedDataset.SPLIT + " = 'train'")
          .select(TokenizedDataset.ID, TokenizedDataset.LABEL, TokenizedDataset.TOKENS)
          .limit(limit)
          .collectAsList();
    } finally {
      spark.stop();
    }
  }

  /** One pass of fused training over the reviews, minibatches built as training builds them. */
  private static double reviewsPerSecond(List<Row> reviews, boolean masked) {
    MultiLayerNetwork net = network(Cell.SIMPLE_RNN, masked);
    DataSetBatches.Options options = new DataSetBatches.Options(32, STEPS, masked, masked ? 50 : 0);
    // Warm-up on the first minibatches so JIT compilation is not in the figure.
    DataSetBatches warm =
        DataSetBatches.fromRows(reviews.subList(0, 32 * WARMUP).iterator(), options, 2, 1, 1);
    warm.forEachRemaining(net::fit);
    long start = System.nanoTime();
    DataSetBatches.fromRows(reviews.iterator(), options, 2, 1, 3).forEachRemaining(net::fit);
    return reviews.size() / ((System.nanoTime() - start) / 1e9);
  }
}
