package io.imdbrnn.train;

import java.util.Locale;
import java.util.Optional;

/**
 * Says when an epoch's training loss is worse than guessing: more than 10 % above {@code ln K} for
 * K choices (two for a binary head, the classes or the vocabulary otherwise), which a constant
 * uniform prediction scores, or not a number. The margin keeps a slow first epoch, whose mean loss
 * hovers around {@code ln K}, from being called diverged. A network there after a whole pass over
 * its data has diverged or died, and nothing else would tell the user: the run finishes and writes
 * a model that predicts one class (a ReLU recurrence over many padded steps can grow without bound,
 * and then does exactly that).
 */
final class DivergenceWarning {
  private static final double MARGIN = 1.1;

  private DivergenceWarning() {}

  /**
   * The warning for {@code epoch}, or empty.
   *
   * @param trainLoss the epoch's mean training loss per sample, in nats
   * @param choices what the head chooses between (at least 2)
   */
  static Optional<String> of(int epoch, double trainLoss, int choices) {
    double guess = Math.log(Math.max(2, choices));
    if (Double.isFinite(trainLoss) && trainLoss <= MARGIN * guess) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "Epoch %d: train loss %.4f is %s ln %d = %.4f, what guessing uniformly scores: training"
                + " has diverged or stalled, and the model will predict little. Try a lower"
                + " train.learning-rate, train.mask-padding=true (short texts padded to a long"
                + " prepare.max-len), another train.seed, or a gated cell (train.cell=gru).",
            epoch,
            trainLoss,
            Double.isFinite(trainLoss) ? "above" : "not a number, worse than",
            Math.max(2, choices),
            guess));
  }
}
