package io.imdbrnn.model;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Windows of ids as a next-token minibatch: window {@code w} of {@code n} ids gives the inputs
 * {@code w[0..n-2]} and the targets {@code w[1..n-1]}. Windows are padded at the end to the batch's
 * longest, and the padded steps masked in the features (the state stays put) and in the labels (no
 * loss). Features are {@code [rows, 1, steps]}, labels the target ids {@code [rows, steps, 1]} (the
 * fused layers' [batch, step, unit] order; sparse cross-entropy), masks {@code [rows, steps]}.
 *
 * <p>Sparse labels, not one-hot: dl4j-spark keeps an epoch's minibatches in memory (off-heap), and
 * one-hot labels over 99 characters made a batch of 32 windows 1.3 MB instead of 51 kB; a full-data
 * epoch then outgrew the machine's 24 GiB.
 */
public final class NextTokenBatch {
  private NextTokenBatch() {}

  public static DataSet of(int[][] windows, int vocabSize) {
    int rows = windows.length;
    int steps = 1;
    for (int[] w : windows) {
      steps = Math.max(steps, w.length - 1);
    }
    float[] features = new float[rows * steps];
    float[] labels = new float[rows * steps];
    float[] mask = new float[rows * steps];
    for (int r = 0; r < rows; r++) {
      int[] w = windows[r];
      for (int t = 0; t + 1 < w.length; t++) {
        int target = w[t + 1];
        if (target < 0 || target >= vocabSize || w[t] < 0 || w[t] >= vocabSize) {
          throw new IllegalArgumentException(
              "Window " + r + " holds an id outside 0.." + (vocabSize - 1));
        }
        features[r * steps + t] = w[t];
        labels[r * steps + t] = target;
        mask[r * steps + t] = 1f;
      }
    }
    return new DataSet(
        Nd4j.create(features, new long[] {rows, 1, steps}, 'c'),
        Nd4j.create(labels, new long[] {rows, steps, 1}, 'c'),
        Nd4j.create(mask, new long[] {rows, steps}, 'c'),
        Nd4j.create(mask, new long[] {rows, steps}, 'c'));
  }
}
