package io.imdbrnn.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.model.Ensemble;
import io.imdbrnn.model.NextTokenBatch;
import io.imdbrnn.text.CharWindows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores reviews with a next-char network on the executors, each review as one text: its windows
 * are joined back and read in one pass, so every character is predicted from everything before it
 * in its review, as {@code generate} reads (the windows exist for training, where a fixed length
 * keeps batches dense). Reviews are batched by similar length within a budget of probabilities; one
 * too long for the budget alone is read in chunks with its state carried over. One row per review:
 * {@code id}, {@link #BITS} (the cross-entropy in bits, summed over its characters), {@link
 * #CORRECT} (characters that were the most probable guess) and {@link #TARGETS}.
 */
public final class WindowScoring {
  public static final String BITS = "bits";
  public static final String CORRECT = "correct";
  public static final String TARGETS = "targets";

  /**
   * Probabilities are clipped here before the logarithm, so a zero costs 100 bits, not infinity.
   */
  private static final double FLOOR = 1e-30;

  private static final double LN2 = Math.log(2);
  private static final String PARTS = "parts";

  /**
   * Probabilities per scoring batch at most (32 MB of floats): the {@code [rows, steps, vocab]}
   * output is the batch's memory. A budget of ids instead would let a word vocabulary (10,000 and
   * more, against next-char's hundred) ask for gigabytes, past what one array can hold.
   */
  static final long BATCH_OUTPUTS = 1 << 23;

  static final int BATCH_REVIEWS = 64;

  private WindowScoring() {}

  /**
   * @param windows rows with {@code id}, {@code window} and {@code chars}
   */
  public static Dataset<Row> score(Dataset<Row> windows, MultiLayerNetwork net) {
    BroadcastNetwork shared = BroadcastNetwork.of(windows.sparkSession(), Ensemble.of(net));
    Dataset<Row> reviews =
        windows
            .groupBy(col(WindowsDataset.ID))
            .agg(
                collect_list(struct(col(WindowsDataset.WINDOW), col(WindowsDataset.CHARS)))
                    .as(PARTS));
    StructType out =
        new StructType()
            .add(WindowsDataset.ID, StringType, false)
            .add(BITS, DoubleType, false)
            .add(CORRECT, IntegerType, false)
            .add(TARGETS, IntegerType, false);
    int vocab = (int) net.getLayer(0).getParam("W").size(0);
    MapPartitionsFunction<Row, Row> scorer =
        partition ->
            !partition.hasNext()
                ? partition
                : scorePartition(partition, shared.rebuild().first(), vocab);
    return reviews.mapPartitions(scorer, Encoders.row(out));
  }

  private record Review(String id, int[] ids) {}

  private static Iterator<Row> scorePartition(
      Iterator<Row> rows, MultiLayerNetwork net, int vocab) {
    List<Review> reviews = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      List<Row> parts = new ArrayList<>(r.getList(1));
      parts.sort(Comparator.comparingInt(p -> p.getInt(0)));
      List<int[]> windows = new ArrayList<>(parts.size());
      for (Row p : parts) {
        windows.add(WindowRows.ids(p, 1));
      }
      reviews.add(new Review(r.getString(0), CharWindows.join(windows)));
    }
    reviews.sort(Comparator.comparingInt(r -> r.ids().length));
    List<Row> scored = new ArrayList<>(reviews.size());
    int[] lengths = reviews.stream().mapToInt(r -> r.ids().length).toArray();
    int from = 0;
    while (from < reviews.size()) {
      int to = batchEnd(lengths, from, vocab);
      int[][] batch = new int[to - from][];
      for (int i = from; i < to; i++) {
        batch[i - from] = reviews.get(i).ids();
      }
      SequenceScore[] scores =
          batch.length == 1 && (long) batch[0].length * vocab > BATCH_OUTPUTS
              ? new SequenceScore[] {scoreInChunks(net, batch[0], vocab, chunkSteps(vocab))}
              : score(net, batch, vocab);
      for (int i = from; i < to; i++) {
        SequenceScore s = scores[i - from];
        scored.add(RowFactory.create(reviews.get(i).id(), s.bits(), s.correct(), s.targets()));
      }
      from = to;
    }
    return scored.iterator();
  }

  /**
   * Where the batch that starts at {@code from} ends (exclusive), over sequences sorted by length:
   * at most {@link #BATCH_REVIEWS} of them and {@link #BATCH_OUTPUTS} probabilities, padded to the
   * longest; one sequence alone however long.
   */
  static int batchEnd(int[] sortedLengths, int from, int vocab) {
    int to = from + 1;
    while (to < sortedLengths.length
        && to - from < BATCH_REVIEWS
        && (long) (to - from + 1) * sortedLengths[to] * vocab <= BATCH_OUTPUTS) {
      to++;
    }
    return to;
  }

  /** One sequence's cross-entropy in bits, correct top-1 guesses, and targets. */
  public record SequenceScore(double bits, int correct, int targets) {}

  /**
   * Steps per chunk when one sequence alone is over the budget: {@link #BATCH_OUTPUTS} over the
   * vocabulary, at least one.
   */
  static int chunkSteps(int vocab) {
    return (int) Math.max(1, BATCH_OUTPUTS / vocab);
  }

  /**
   * Scores id sequences ({@link NextTokenBatch} layout: each predicts its own next ids) with the
   * network, on this thread, each whole.
   */
  public static SequenceScore[] score(MultiLayerNetwork net, int[][] sequences, int vocab) {
    DataSet batch = NextTokenBatch.of(sequences, vocab);
    INDArray output = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
    int steps = (int) output.size(1);
    float[] p = Nd4j.toFlattened('c', output).toFloatVector();
    SequenceScore[] scores = new SequenceScore[sequences.length];
    for (int r = 0; r < sequences.length; r++) {
      int[] w = sequences[r];
      scores[r] = tally(p, r * steps, w, Math.max(0, w.length - 1), vocab);
    }
    return scores;
  }

  /**
   * Scores one sequence {@code steps} ids at a time, the recurrent state carried from chunk to
   * chunk ({@code rnnTimeStep}), so its memory is one chunk's probabilities however long it is: a
   * text of 200,000 words over 10,000 of them would otherwise ask for 2 billion floats in one
   * array, more than an array holds. The same figures as {@link #score} reading it whole, to float
   * rounding (tested). Language models only: the layers run one direction.
   */
  static SequenceScore scoreInChunks(MultiLayerNetwork net, int[] ids, int vocab, int steps) {
    double bits = 0;
    int correct = 0;
    int targets = Math.max(0, ids.length - 1);
    net.rnnClearPreviousState();
    try {
      for (int from = 0; from < targets; from += steps) {
        int to = Math.min(targets, from + steps);
        int[] chunk = Arrays.copyOfRange(ids, from, to + 1);
        INDArray output =
            net.rnnTimeStep(NextTokenBatch.of(new int[][] {chunk}, vocab).getFeatures());
        float[] p = Nd4j.toFlattened('c', output).toFloatVector();
        SequenceScore s = tally(p, 0, chunk, to - from, vocab);
        bits += s.bits();
        correct += s.correct();
      }
    } finally {
      net.rnnClearPreviousState();
    }
    return new SequenceScore(bits, correct, targets);
  }

  /**
   * Bits and correct guesses of the first {@code steps} steps of {@code ids}, whose probabilities
   * start at row {@code firstRow} of {@code p} ({@code [rows, vocab]}, one row per step).
   */
  private static SequenceScore tally(float[] p, int firstRow, int[] ids, int steps, int vocab) {
    double bits = 0;
    int correct = 0;
    for (int t = 0; t < steps; t++) {
      int base = (firstRow + t) * vocab;
      int best = 0;
      for (int v = 1; v < vocab; v++) {
        if (p[base + v] > p[base + best]) {
          best = v;
        }
      }
      int target = ids[t + 1];
      bits -= Math.log(Math.max(FLOOR, p[base + target])) / LN2;
      correct += best == target ? 1 : 0;
    }
    return new SequenceScore(bits, correct, steps);
  }
}
