package io.imdbrnn.evaluate;

import io.imdbrnn.bundle.ModelBundle;
import io.imdbrnn.bundle.PreparedManifest;
import io.imdbrnn.runtime.StageRun;

/**
 * Scores one split of a task's prepared data with a bundle of that task on the executors, and
 * writes the evaluation layout ({@code metrics/}, one row, and {@code predictions/}, one row per
 * text) as one all-or-nothing output of {@code run}.
 */
public interface Evaluation {
  /**
   * Refuses prepared data whose targets would mean something else to the bundle than what it was
   * trained on (other classes); shapes and vocabularies are checked by the caller for every task.
   */
  default void requireCompatible(
      String model, PreparedManifest trained, String input, PreparedManifest data) {}

  void evaluate(StageRun run, ModelBundle bundle);
}
