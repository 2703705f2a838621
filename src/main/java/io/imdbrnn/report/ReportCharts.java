package io.imdbrnn.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which figures a report has, drawn from the models' figures: every chart overlays the models
 * (model, champion, baseline), so they compare on one set of axes. A figure whose data no model has
 * (training curves of a baseline alone, lengths without reviews) is left out.
 */
public final class ReportCharts {
  private ReportCharts() {}

  /** One figure: its file name (also its id in the page), title and PNG bytes. */
  public record Figure(String file, String title, String caption, byte[] png) {}

  public static List<Figure> draw(List<ModelFigures> models) {
    List<Figure> out = new ArrayList<>(trainingCurves(models));
    out.addAll(thresholdCurves(models));
    accuracyByLength(models).ifPresent(out::add);
    return out;
  }

  /** Loss and validation accuracy per epoch, for the models that have a history. */
  private static List<Figure> trainingCurves(List<ModelFigures> models) {
    List<ModelFigures> trained = models.stream().filter(m -> !m.history().isEmpty()).toList();
    if (trained.isEmpty()) {
      return List.of();
    }
    return List.of(
        new Figure(
            "loss.png",
            "Loss per epoch",
            "Training and validation loss (binary cross-entropy) after each epoch.",
            Charts.lines(
                "Loss per epoch",
                "epoch",
                "loss",
                historySeries(trained, true),
                Charts.Axes.FIT,
                true)),
        new Figure(
            "accuracy.png",
            "Validation accuracy per epoch",
            "Accuracy on the validation split after each epoch.",
            Charts.lines(
                "Validation accuracy per epoch",
                "epoch",
                "accuracy",
                historySeries(trained, false),
                Charts.Axes.FIT,
                true)));
  }

  /** ROC, precision-recall and calibration: one curve per model, with their reference lines. */
  private static List<Figure> thresholdCurves(List<ModelFigures> models) {
    List<Charts.Series> roc = new ArrayList<>();
    List<Charts.Series> pr = new ArrayList<>();
    List<Charts.Series> calibration = new ArrayList<>();
    for (ModelFigures m : models) {
      roc.add(
          new Charts.Series(
              String.format("%s (AUC %.4f)", m.role(), m.metrics().rocAuc()), m.roc()));
      pr.add(
          new Charts.Series(
              String.format("%s (AUC %.4f)", m.role(), m.metrics().prAuc()), m.precisionRecall()));
      calibration.add(
          new Charts.Series(
              m.role(),
              m.calibration().stream()
                  .map(b -> new ModelFigures.Point(b.meanPredicted(), b.observedRate()))
                  .toList()));
    }
    List<ModelFigures.Point> diagonal =
        List.of(new ModelFigures.Point(0, 0), new ModelFigures.Point(1, 1));
    roc.add(new Charts.Series("chance", diagonal, true));
    calibration.add(new Charts.Series("perfectly calibrated", diagonal, true));
    return List.of(
        new Figure(
            "roc.png",
            "ROC curve",
            "True positive rate against false positive rate over all thresholds.",
            Charts.lines(
                "ROC curve",
                "false positive rate",
                "true positive rate",
                roc,
                Charts.Axes.UNIT,
                false)),
        new Figure(
            "precision-recall.png",
            "Precision-recall curve",
            "Precision against recall over all thresholds (positive = a positive review).",
            Charts.lines(
                "Precision-recall curve", "recall", "precision", pr, Charts.Axes.UNIT, false)),
        new Figure(
            "calibration.png",
            "Calibration",
            "Observed share of positive reviews against the mean predicted probability, in 10"
                + " bins of the predicted probability; on the diagonal, a probability of 0.8 is"
                + " right 80% of the time.",
            Charts.lines(
                "Calibration",
                "mean predicted probability",
                "observed positive rate",
                calibration,
                Charts.Axes.UNIT,
                true)));
  }

  /** Accuracy per review-length bucket, when every model has the same buckets. */
  private static java.util.Optional<Figure> accuracyByLength(List<ModelFigures> models) {
    List<Charts.Bars> lengths = new ArrayList<>();
    for (ModelFigures m : models) {
      if (!m.byLength().isEmpty()) {
        lengths.add(
            new Charts.Bars(
                m.role(),
                m.byLength().stream().map(ModelFigures.LengthBucket::label).toList(),
                m.byLength().stream().map(ModelFigures.LengthBucket::accuracy).toList()));
      }
    }
    if (lengths.isEmpty() || !sameCategories(lengths)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Figure(
            "accuracy-by-length.png",
            "Accuracy by review length",
            "Accuracy in buckets of review length in words (the table below gives the reviews per"
                + " bucket); the network reads at most prepare.max-len tokens.",
            Charts.bars("Accuracy by review length", "words", "accuracy", lengths)));
  }

  private static boolean sameCategories(List<Charts.Bars> groups) {
    return groups.stream().map(Charts.Bars::categories).distinct().count() == 1;
  }

  private static List<Charts.Series> historySeries(List<ModelFigures> models, boolean loss) {
    Map<String, List<ModelFigures.Point>> series = new LinkedHashMap<>();
    for (ModelFigures m : models) {
      for (ModelFigures.Epoch e : m.history()) {
        if (loss) {
          series
              .computeIfAbsent(m.role() + " train", k -> new ArrayList<>())
              .add(new ModelFigures.Point(e.epoch(), e.trainLoss()));
          series
              .computeIfAbsent(m.role() + " validation", k -> new ArrayList<>())
              .add(new ModelFigures.Point(e.epoch(), e.validationLoss()));
        } else {
          series
              .computeIfAbsent(m.role() + " validation", k -> new ArrayList<>())
              .add(new ModelFigures.Point(e.epoch(), e.validationAccuracy()));
        }
      }
    }
    return series.entrySet().stream()
        .map(e -> new Charts.Series(e.getKey(), e.getValue()))
        .toList();
  }
}
