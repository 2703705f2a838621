package io.imdbrnn.report;

import io.imdbrnn.scoring.BinaryMetrics;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows of one model, computed once: plain values, no Spark, so the page and
 * the charts are pure functions of it.
 *
 * @param role what the model is in this report: "model", "champion" or "baseline"
 * @param history one entry per training epoch; empty for a model without one (the baseline)
 * @param byLength empty when no reviews were given
 * @param wrong the most confidently wrong reviews; empty when no reviews were given
 * @param provenance flattened settings and provenance, key to value
 */
public record ModelFigures(
    String role,
    String modelId,
    BinaryMetrics metrics,
    List<Point> roc,
    List<Point> precisionRecall,
    List<CalibrationBin> calibration,
    List<LengthBucket> byLength,
    List<Epoch> history,
    List<WrongReview> wrong,
    Map<String, String> provenance) {

  /** A curve point: ROC (false positive rate, true positive rate), PR (recall, precision). */
  public record Point(double x, double y) {}

  /** Reviews whose predicted probability fell in [low, low + 0.1). */
  public record CalibrationBin(double low, double meanPredicted, double observedRate, long n) {}

  /** Reviews of {@code label} words (e.g. "100-199"): how many, and the share scored right. */
  public record LengthBucket(String label, long n, double accuracy) {}

  public record Epoch(
      int epoch, double trainLoss, double validationLoss, double validationAccuracy) {}

  public record WrongReview(String id, int label, double probability, String excerpt) {}
}
