package io.imdbrnn.bench;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkSpec;
import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Single-thread train and inference speed of every cell (fused, stock, bidirectional) on the
 * reference shape, measured as the PyTorch peer measures (synthetic ids, fresh batches, warm-up
 * first), each the median of {@code reps} repetitions with min and max. Prints Markdown rows;
 * asserts nothing. Run with src/bench/cells.sh.
 *
 * <p>Arguments: [repetitions=5] [timed batches=20] [stock=true]
 */
public final class CellSpeedBench {
  private CellSpeedBench() {}

  private record Config(String name, NetworkSpec spec, boolean stock) {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int timed = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean stock = args.length <= 2 || Boolean.parseBoolean(args[2]);
    Config[] configs = {
      config("simple-rnn", Cell.SIMPLE_RNN, false, false),
      config("lstm", Cell.LSTM, false, false),
      config("gru", Cell.GRU, false, false),
      config("lstm, bidirectional", Cell.LSTM, true, false),
      config("gru, bidirectional", Cell.GRU, true, false),
      config("lstm-stock", Cell.LSTM_STOCK, false, true),
    };
    System.out.printf(
        "| cell | train samples/s, batch 32 (median of %d, min-max) | inference samples/s, batch"
            + " 256 |%n",
        reps);
    System.out.println("| --- | ---: | ---: |");
    // Every configuration once untimed first, so each timed one runs on JIT-compiled kernels: in a
    // fresh JVM the first network trained ran at a fraction of its later speed.
    for (Config c : configs) {
      if (!c.stock()) {
        RnnSpeedBench.train(c.spec(), timed);
        RnnSpeedBench.infer(c.spec(), timed);
      }
    }
    for (Config c : configs) {
      if (c.stock() && !stock) {
        continue;
      }
      // The stock LSTM takes about a second a batch: fewer batches, same method.
      int batches = c.stock() ? Math.max(3, timed / 5) : timed;
      String train = spread(reps, () -> RnnSpeedBench.train(c.spec(), batches));
      String infer = spread(reps, () -> RnnSpeedBench.infer(c.spec(), batches));
      System.out.printf("| %s | %s | %s |%n", c.name(), train, infer);
    }
    // The two-worker ceiling without Spark, measured the same way (warm, fresh batches): two
    // threads, each training its own network at once; the sum of their samples/s.
    NetworkSpec reference = configs[0].spec();
    String two = spread(reps, () -> RnnSpeedBench.twoThreadsTrain(reference, timed));
    System.out.printf("| simple-rnn, two threads at once (sum) | %s | nan |%n", two);
  }

  private static Config config(String name, Cell cell, boolean bidirectional, boolean stock) {
    NetworkSpec reference = RnnSpeedBench.spec(cell, false);
    NetworkSpec spec =
        new NetworkSpec(
            cell,
            reference.vocabSize(),
            reference.maxLen(),
            reference.embeddingSize(),
            reference.hiddenSize(),
            reference.learningRate(),
            reference.seed(),
            false,
            1,
            bidirectional,
            0.0,
            Pooling.LAST,
            Head.BINARY);
    return new Config(name, spec, stock);
  }

  /** "median (min-max)" of {@code reps} measurements, taken one after another. */
  static String spread(int reps, DoubleSupplier measure) {
    double[] v = new double[reps];
    for (int i = 0; i < reps; i++) {
      v[i] = measure.getAsDouble();
    }
    Arrays.sort(v);
    return String.format("%,.0f (%,.0f-%,.0f)", v[reps / 2], v[0], v[reps - 1]);
  }
}
