package io.imdbrnn.model;

import io.imdbrnn.model.fused.ProjectedInference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows of pre-padded token ids (id 0 = padding) as the network takes them, for training and scoring
 * alike. Unmasked, the rows go in as they are, {@code [rows, maxLen]}. Masked, the batch is trimmed
 * to its longest review, {@code [rows, 1, longest]}, with a {@code [rows, longest]} mask that is 0
 * on padding: the leading columns that are padding in every row only leave the state at zero, so
 * dropping them changes nothing but the time spent.
 */
public final class PaddedBatch {
  /** Network input: features and, when masking, the feature mask (else null). */
  public record Input(INDArray features, INDArray mask) {}

  private PaddedBatch() {}

  public static Input of(float[][] ids, boolean maskPadding) {
    if (!maskPadding) {
      return new Input(Nd4j.createFromArray(ids), null);
    }
    int rows = ids.length;
    int[] lengths = new int[rows];
    int longest = 1;
    for (int r = 0; r < rows; r++) {
      lengths[r] = length(ids[r]);
      longest = Math.max(longest, lengths[r]);
    }
    float[][] features = new float[rows][longest];
    float[][] mask = new float[rows][longest];
    for (int r = 0; r < rows; r++) {
      int width = ids[r].length;
      if (width < longest) {
        throw new IllegalArgumentException(
            "Row " + r + " has " + width + " ids, fewer than the batch's " + longest);
      }
      System.arraycopy(ids[r], width - longest, features[r], 0, longest);
      java.util.Arrays.fill(mask[r], longest - lengths[r], longest, 1f);
    }
    return new Input(
        Nd4j.createFromArray(features).reshape(rows, 1, longest), Nd4j.createFromArray(mask));
  }

  /**
   * The ids after the leading padding; at least 1, so an all-padding row still has one step for the
   * last-time-step output to read.
   */
  public static int length(float[] ids) {
    int first = 0;
    while (first < ids.length && ids[first] == 0f) {
      first++;
    }
    return Math.max(1, ids.length - first);
  }

  /**
   * Probability of the positive class for each row, {@code [rows, 1]}; through {@link
   * ProjectedInference} where it applies (the same figures, faster), else the network itself.
   */
  public static INDArray probabilities(
      MultiLayerNetwork network, float[][] ids, boolean maskPadding) {
    Input in = of(ids, maskPadding);
    INDArray projected = ProjectedInference.output(network, in.features(), in.mask());
    return projected != null ? projected : network.output(in.features(), false, in.mask(), null);
  }
}
