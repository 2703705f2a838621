package io.imdbrnn.report;

import io.imdbrnn.scoring.AccuracyFigures;
import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows of one model, computed once: plain values, no Spark, so the page and
 * the charts are pure functions of it.
 *
 * @param role what the model is in this report: "model", "champion" or "baseline"
 * @param scores the figures of its kind: two classes or more
 * @param byLength empty when no texts were given
 * @param history one entry per training epoch; empty for a model without one (the baseline)
 * @param wrong its worst mistakes: the most confidently wrong texts (two classes), or those of the
 *     classes it gets most wrong (more); empty when no texts were given
 * @param provenance flattened settings and provenance, key to value
 */
public record ModelFigures(
    String role,
    String modelId,
    Scores scores,
    List<LengthBucket> byLength,
    List<Epoch> history,
    List<WrongText> wrong,
    Map<String, String> provenance) {

  /** The figures that depend on the number of classes. */
  public sealed interface Scores permits TwoClasses, Classes {
    AccuracyFigures metrics();
  }

  /** A two-class model's metrics and its curves over all thresholds. */
  public record TwoClasses(
      BinaryMetrics metrics,
      List<Point> roc,
      List<Point> precisionRecall,
      List<CalibrationBin> calibration)
      implements Scores {}

  /** A K-class model's metrics, per-class figures and confusion counts. */
  public record Classes(ClassMetrics metrics) implements Scores {}

  /** A curve point: ROC (false positive rate, true positive rate), PR (recall, precision). */
  public record Point(double x, double y) {}

  /** Texts whose predicted probability fell in [low, low + 0.1). */
  public record CalibrationBin(double low, double meanPredicted, double observedRate, long n) {}

  /** Texts of {@code label} words (e.g. "100-199"): how many, and the share scored right. */
  public record LengthBucket(String label, long n, double accuracy) {}

  public record Epoch(
      int epoch, double trainLoss, double validationLoss, double validationAccuracy) {}

  /**
   * A text the model got wrong, in the user's labels.
   *
   * @param confidence the probability the model gave its (wrong) prediction
   */
  public record WrongText(
      String id, String label, String predicted, double confidence, String excerpt) {}
}
