package io.imdbrnn.train;

import io.imdbrnn.model.Ensemble;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A finished training: the networks (one, or an ensemble's members, each at its best epoch when
 * {@code train.restore-best} says so), how each member's training went, the validation figures of
 * the whole (a single network's last epoch; an ensemble's mean probabilities), and the rows fitted
 * and validated on ({@code fit}, {@code validation}).
 */
public record Trained(
    Ensemble networks,
    List<Member> members,
    double validationLoss,
    double validationAccuracy,
    Map<String, Long> rows) {

  /** One network's training: its seed, epochs run, best epoch and last epoch's validation. */
  public record Member(
      MultiLayerNetwork network,
      long seed,
      int epochsRun,
      int bestEpoch,
      double validationLoss,
      double validationAccuracy) {}

  /** The first member's epochs (the only member's, but for an ensemble). */
  public int epochsRun() {
    return members.get(0).epochsRun();
  }

  public int bestEpoch() {
    return members.get(0).bestEpoch();
  }
}
