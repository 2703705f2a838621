package io.imdbrnn.bench;

import io.imdbrnn.config.Cell;
import io.imdbrnn.config.Pooling;
import io.imdbrnn.generate.TextGenerator;
import io.imdbrnn.model.Head;
import io.imdbrnn.model.NetworkFactory;
import io.imdbrnn.model.NetworkSpec;
import io.imdbrnn.model.NextTokenBatch;
import io.imdbrnn.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Next-char training speed on one thread, in characters (predicted steps) per second: synthetic
 * windows of 100 ids out of 99, batch 32, fresh batches, warm JIT (every shape once untimed), the
 * median of {@code reps} with min and max. Two shapes per cell: the PyTorch peer's recurrent shape
 * (E 32, H 32) and the README recipe's (E 32, H 256 for the GRU). Also the time to generate 1,000
 * characters with {@link TextGenerator} (rnnTimeStep), median of {@code reps}. Prints Markdown
 * rows; asserts nothing. Run with src/bench/chars.sh.
 *
 * <p>Arguments: [repetitions=5] [timed batches=20]
 */
public final class CharSpeedBench {
  private static final int VOCAB = 99;
  private static final int WINDOW = 100;
  private static final int BATCH = 32;
  private static final int WARMUP = 3;

  private CharSpeedBench() {}

  public static void main(String[] args) {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int timed = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<NetworkSpec> specs = new ArrayList<>();
    for (Cell cell : new Cell[] {Cell.SIMPLE_RNN, Cell.LSTM, Cell.GRU}) {
      specs.add(spec(cell, 32));
    }
    specs.add(spec(Cell.GRU, 256));
    for (NetworkSpec s : specs) {
      train(s, timed);
    }
    System.out.printf("| what | median of %d (min-max) |%n", reps);
    System.out.println("| --- | ---: |");
    for (NetworkSpec s : specs) {
      System.out.printf(
          "| %s E%d/H%d, next-char train chars/s | %s |%n",
          s.cell().settingName(),
          s.embeddingSize(),
          s.hiddenSize(),
          spread(reps, () -> train(s, timed)));
    }
    NetworkSpec recipe = specs.get(specs.size() - 1);
    MultiLayerNetwork net = NetworkFactory.create(recipe);
    List<String> chars = new ArrayList<>();
    for (int i = 0; i < VOCAB - Vocabulary.FIRST_WORD_ID; i++) {
      chars.add(String.valueOf((char) ('!' + i)));
    }
    TextGenerator generator = new TextGenerator(net, new Vocabulary(chars));
    generator.generate("The movie was", 1000, 0.8, 0, 1);
    String ms =
        spread(
            reps,
            () -> {
              long start = System.nanoTime();
              generator.generate("The movie was", 1000, 0.8, 0, System.nanoTime());
              return (System.nanoTime() - start) / 1e6;
            });
    System.out.printf("| gru E32/H256, generate 1,000 chars, ms | %s |%n", ms);
  }

  private static NetworkSpec spec(Cell cell, int hidden) {
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

  /** Characters per second over {@code timed} fresh batches, after a few untimed ones. */
  static double train(NetworkSpec spec, int timed) {
    MultiLayerNetwork net = NetworkFactory.create(spec);
    Random random = new Random(7);
    for (int i = 0; i < WARMUP; i++) {
      net.fit(batch(random));
    }
    DataSet[] batches = new DataSet[timed];
    for (int i = 0; i < timed; i++) {
      batches[i] = batch(random);
    }
    long start = System.nanoTime();
    for (DataSet b : batches) {
      net.fit(b);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return (double) timed * BATCH * WINDOW / seconds;
  }

  private static DataSet batch(Random random) {
    int[][] windows = new int[BATCH][WINDOW + 1];
    for (int[] w : windows) {
      for (int t = 0; t < w.length; t++) {
        w[t] = Vocabulary.FIRST_WORD_ID + random.nextInt(VOCAB - Vocabulary.FIRST_WORD_ID);
      }
    }
    return NextTokenBatch.of(windows, VOCAB);
  }

  /** "median (min-max)" of {@code reps} measurements, taken one after another. */
  private static String spread(int reps, java.util.function.DoubleSupplier measure) {
    double[] v = new double[reps];
    for (int i = 0; i < reps; i++) {
      v[i] = measure.getAsDouble();
    }
    java.util.Arrays.sort(v);
    return String.format("%,.0f (%,.0f-%,.0f)", v[reps / 2], v[0], v[reps - 1]);
  }
}
