package io.imdbrnn.scoring;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;

import io.imdbrnn.datasets.WindowsDataset;
import io.imdbrnn.model.NextTokenBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores character windows with a next-char network on the executors (configuration and parameters
 * broadcast once, the network rebuilt per partition). Replaces {@code chars} by {@link #BITS} (the
 * window's cross-entropy in bits, summed over its targets), {@link #CORRECT} (targets that were the
 * most probable character) and {@link #TARGETS}.
 */
public final class CharScoring {
  public static final String BITS = "bits";
  public static final String CORRECT = "correct";
  public static final String TARGETS = "targets";

  /**
   * Probabilities are clipped here before the logarithm, so a zero costs 100 bits, not infinity.
   */
  private static final double FLOOR = 1e-30;

  private static final double LN2 = Math.log(2);

  private CharScoring() {}

  public static Dataset<Row> score(Dataset<Row> rows, MultiLayerNetwork net, int batchSize) {
    BroadcastNetwork shared = BroadcastNetwork.of(rows.sparkSession(), net);
    int charsField = rows.schema().fieldIndex(WindowsDataset.CHARS);
    BroadcastNetwork.Passed passed =
        BroadcastNetwork.Passed.allBut(rows.schema(), WindowsDataset.CHARS);
    StructType out =
        passed
            .schema()
            .add(BITS, DoubleType, false)
            .add(CORRECT, IntegerType, false)
            .add(TARGETS, IntegerType, false);
    int vocab = (int) net.getLayer(0).getParam("W").size(0);
    MapPartitionsFunction<Row, Row> scorer =
        partition ->
            !partition.hasNext()
                ? partition
                : scorePartition(partition, shared.rebuild(), charsField, passed, vocab, batchSize);
    return rows.mapPartitions(scorer, Encoders.row(out));
  }

  private static Iterator<Row> scorePartition(
      Iterator<Row> rows,
      MultiLayerNetwork net,
      int charsField,
      BroadcastNetwork.Passed passed,
      int vocab,
      int batchSize) {
    List<Row> scored = new ArrayList<>();
    List<Row> batch = new ArrayList<>(batchSize);
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() == batchSize || !rows.hasNext()) {
        int[][] windows = new int[batch.size()][];
        for (int i = 0; i < windows.length; i++) {
          windows[i] = WindowRows.ids(batch.get(i), charsField);
        }
        WindowScore[] scores = score(net, windows, vocab);
        for (int i = 0; i < batch.size(); i++) {
          WindowScore w = scores[i];
          scored.add(passed.with(batch.get(i), w.bits(), w.correct(), w.targets()));
        }
        batch.clear();
      }
    }
    return scored.iterator();
  }

  /** One window's cross-entropy in bits, correct top-1 guesses, and targets. */
  public record WindowScore(double bits, int correct, int targets) {}

  /** Scores windows of ids ({@link NextTokenBatch} layout) with the network, on this thread. */
  public static WindowScore[] score(MultiLayerNetwork net, int[][] windows, int vocab) {
    DataSet batch = NextTokenBatch.of(windows, vocab);
    INDArray output = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), null);
    long steps = output.size(1);
    float[] p = Nd4j.toFlattened('c', output).toFloatVector();
    WindowScore[] scores = new WindowScore[windows.length];
    for (int r = 0; r < windows.length; r++) {
      int[] w = windows[r];
      double bits = 0;
      int correct = 0;
      for (int t = 0; t + 1 < w.length; t++) {
        int base = (int) ((r * steps + t) * vocab);
        int best = 0;
        for (int v = 1; v < vocab; v++) {
          if (p[base + v] > p[base + best]) {
            best = v;
          }
        }
        int target = w[t + 1];
        bits -= Math.log(Math.max(FLOOR, p[base + target])) / LN2;
        correct += best == target ? 1 : 0;
      }
      scores[r] = new WindowScore(bits, correct, Math.max(0, w.length - 1));
    }
    return scores;
  }
}
