package io.imdbrnn.model;

import io.imdbrnn.config.TrainSettings;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The networks one classifier scores with: one, or the members of an ensemble ({@code
 * train.ensemble-size}), which differ only in their random start and read the same ids. A text's
 * probabilities are the mean of the members', so a single network scores exactly as before.
 */
public final class Ensemble {
  private final List<MultiLayerNetwork> members;

  private Ensemble(List<MultiLayerNetwork> members) {
    if (members.isEmpty() || members.size() > TrainSettings.MAX_ENSEMBLE_SIZE) {
      throw new IllegalArgumentException(
          "an ensemble has 1 to "
              + TrainSettings.MAX_ENSEMBLE_SIZE
              + " members, not "
              + members.size());
    }
    this.members = List.copyOf(members);
  }

  public static Ensemble of(MultiLayerNetwork network) {
    return new Ensemble(List.of(network));
  }

  public static Ensemble of(List<MultiLayerNetwork> members) {
    return new Ensemble(members);
  }

  public List<MultiLayerNetwork> members() {
    return members;
  }

  public int size() {
    return members.size();
  }

  /** The first member: the network of a bundle that is not an ensemble. */
  public MultiLayerNetwork first() {
    return members.get(0);
  }

  /** Parameters over all members. */
  public long numParams() {
    return members.stream().mapToLong(MultiLayerNetwork::numParams).sum();
  }

  /**
   * Each row's output averaged over the members ({@link PaddedBatch#probabilities}): the positive
   * probability of a two-class model, the distribution over the classes of a K-class one.
   */
  public INDArray probabilities(float[][] ids, boolean maskPadding) {
    INDArray sum = PaddedBatch.probabilities(members.get(0), ids, maskPadding);
    if (members.size() == 1) {
      return sum;
    }
    sum = sum.dup();
    for (int m = 1; m < members.size(); m++) {
      sum.addi(PaddedBatch.probabilities(members.get(m), ids, maskPadding));
    }
    return sum.divi(members.size());
  }
}
