package io.imdbrnn.train;

import io.imdbrnn.config.StoppingMetric;
import io.imdbrnn.train.TrainingTask.Validation;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tracks the best epoch by the watched validation figure and decides when to stop: after {@code
 * patience} epochs without improvement (never, with patience 0). Keeps a copy of the best
 * parameters only when they may be restored.
 */
final class EarlyStopping {
  private final int patience;
  private final boolean keepBest;
  private final StoppingMetric metric;
  private Validation best;
  private int bestEpoch;
  private INDArray bestParams;

  EarlyStopping(int patience, boolean restoreBest, StoppingMetric metric) {
    this.patience = patience;
    this.keepBest = patience > 0 && restoreBest;
    this.metric = metric;
  }

  /**
   * Records an epoch's validation figures.
   *
   * @param params the current parameters, copied only when they are the best so far and may be
   *     restored
   * @return true when training should stop after this epoch
   */
  boolean record(int epoch, Validation figures, Supplier<INDArray> params) {
    if (isBetter(figures)) {
      best = figures;
      bestEpoch = epoch;
      bestParams = keepBest ? params.get().dup() : null;
      return false;
    }
    return patience > 0 && epoch - bestEpoch >= patience;
  }

  private boolean isBetter(Validation f) {
    if (best == null) {
      return !Double.isNaN(f.loss());
    }
    return switch (metric) {
      case LOSS -> f.loss() < best.loss();
        // A tie in accuracy is common on a few hundred texts; the lower loss breaks it.
      case ACCURACY ->
          f.accuracy() > best.accuracy()
              || (f.accuracy() == best.accuracy() && f.loss() < best.loss());
    };
  }

  /** Continues from a checkpoint's state: the best epoch (0 for none) and its figures. */
  void restore(int bestEpoch, Validation best, INDArray bestParams) {
    this.bestEpoch = bestEpoch;
    this.best = bestEpoch > 0 ? best : null;
    this.bestParams = keepBest ? bestParams : null;
  }

  /** The kept copy of the best parameters, or null. */
  INDArray bestParams() {
    return bestParams;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  /** The best epoch's validation figures; NaN for both before any. */
  Validation best() {
    return best == null ? new Validation(Double.NaN, Double.NaN) : best;
  }

  /** The figure watched, as the log names it. */
  String watched() {
    return metric == StoppingMetric.LOSS ? "validation loss" : "validation accuracy";
  }

  /** What the log says of the kept epoch: the watched figure. */
  String describeBest() {
    Validation b = best();
    return metric == StoppingMetric.LOSS
        ? String.format("validation loss %.4f", b.loss())
        : String.format("validation accuracy %.4f, loss %.4f", b.accuracy(), b.loss());
  }

  /**
   * The best epoch's parameters, when they should replace those of {@code lastEpoch}; else null.
   */
  INDArray paramsToRestore(int lastEpoch) {
    return bestParams != null && bestEpoch != lastEpoch ? bestParams : null;
  }
}
