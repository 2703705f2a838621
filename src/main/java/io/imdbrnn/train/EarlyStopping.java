package io.imdbrnn.train;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tracks the best validation loss and decides when to stop: after {@code patience} epochs without
 * improvement (never, with patience 0). Keeps a copy of the best parameters only when they may be
 * restored.
 */
final class EarlyStopping {
  private final int patience;
  private final boolean keepBest;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private INDArray bestParams;

  EarlyStopping(int patience, boolean restoreBest) {
    this.patience = patience;
    this.keepBest = patience > 0 && restoreBest;
  }

  /**
   * Records an epoch's validation loss.
   *
   * @param params the current parameters, copied only when they are the best so far and may be
   *     restored
   * @return true when training should stop after this epoch
   */
  boolean record(int epoch, double validationLoss, Supplier<INDArray> params) {
    if (validationLoss < bestLoss) {
      bestLoss = validationLoss;
      bestEpoch = epoch;
      bestParams = keepBest ? params.get().dup() : null;
      return false;
    }
    return patience > 0 && epoch - bestEpoch >= patience;
  }

  /** Continues from a checkpoint's state. */
  void restore(int bestEpoch, double bestLoss, INDArray bestParams) {
    this.bestEpoch = bestEpoch;
    this.bestLoss = bestLoss;
    this.bestParams = keepBest ? bestParams : null;
  }

  /** The kept copy of the best parameters, or null. */
  INDArray bestParams() {
    return bestParams;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  double bestLoss() {
    return bestLoss;
  }

  /**
   * The best epoch's parameters, when they should replace those of {@code lastEpoch}; else null.
   */
  INDArray paramsToRestore(int lastEpoch) {
    return bestParams != null && bestEpoch != lastEpoch ? bestParams : null;
  }
}
