package io.imdbrnn.report;

import io.imdbrnn.scoring.ClassMetrics;
import java.util.ArrayList;
import java.util.Comparator;
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

  /** K classes: the per-class figures show at most this many classes. */
  static final int CLASSES_SHOWN = 30;

  /** One figure: its file name (also its id in the page), title, PNG bytes and their height. */
  public record Figure(String file, String title, String caption, byte[] png, int height) {
    public Figure(String file, String title, String caption, byte[] png) {
      this(file, title, caption, png, Charts.HEIGHT);
    }
  }

  public static List<Figure> draw(List<ModelFigures> models) {
    List<Figure> out = new ArrayList<>(trainingCurves(models));
    if (models.stream().allMatch(m -> m.scores() instanceof ModelFigures.TwoClasses)) {
      out.addAll(thresholdCurves(models));
    }
    if (models.stream().allMatch(m -> m.scores() instanceof ModelFigures.Classes)) {
      out.addAll(classFigures(models));
    }
    accuracyByLength(models).ifPresent(out::add);
    return out;
  }

  /**
   * The classes the per-class figures show: all of them up to {@value #CLASSES_SHOWN}; beyond, the
   * {@value #CLASSES_SHOWN} the first model confuses most (texts of the class predicted otherwise
   * plus texts of other classes predicted as it), in class order.
   */
  static List<Integer> shownClasses(ClassMetrics m) {
    int k = m.perClass().size();
    List<Integer> all = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      all.add(c);
    }
    if (k <= CLASSES_SHOWN) {
      return all;
    }
    all.sort(
        Comparator.<Integer>comparingLong(
                c -> {
                  ClassMetrics.PerClass p = m.perClass().get(c);
                  long right = m.confusion()[c][c];
                  return -((p.support() - right) + (p.predicted() - right));
                })
            .thenComparing(c -> c));
    List<Integer> shown = new ArrayList<>(all.subList(0, CLASSES_SHOWN));
    shown.sort(Comparator.naturalOrder());
    return shown;
  }

  /** Per-class F1 of every model, and each model's confusion matrix as a heat map. */
  private static List<Figure> classFigures(List<ModelFigures> models) {
    ClassMetrics first = ((ModelFigures.Classes) models.get(0).scores()).metrics();
    List<Integer> shown = shownClasses(first);
    List<String> names = shown.stream().map(c -> first.perClass().get(c).label()).toList();
    String which =
        shown.size() == first.perClass().size()
            ? ""
            : String.format(
                " Of the %d classes, the %d the %s confuses most are shown; the table below has"
                    + " them all.",
                first.perClass().size(), shown.size(), models.get(0).role());
    List<Charts.Bars> f1 = new ArrayList<>();
    for (ModelFigures m : models) {
      ClassMetrics metrics = ((ModelFigures.Classes) m.scores()).metrics();
      f1.add(
          new Charts.Bars(
              m.role(), names, shown.stream().map(c -> metrics.perClass().get(c).f1()).toList()));
    }
    List<Figure> out = new ArrayList<>();
    out.add(
        new Figure(
            "f1-by-class.png",
            "F1 by class",
            "F1 of each class (the harmonic mean of its precision and recall)." + which,
            Charts.bars("F1 by class", "class", "F1", f1)));
    for (ModelFigures m : models) {
      long[][] counts = ((ModelFigures.Classes) m.scores()).metrics().confusion();
      double[][] shares = new double[shown.size()][shown.size()];
      for (int r = 0; r < shown.size(); r++) {
        long row = 0;
        for (long v : counts[shown.get(r)]) {
          row += v;
        }
        for (int c = 0; c < shown.size(); c++) {
          shares[r][c] = row == 0 ? 0 : (double) counts[shown.get(r)][shown.get(c)] / row;
        }
      }
      String title = "Confusion matrix: " + m.role();
      out.add(
          new Figure(
              "confusion-" + m.role() + ".png",
              title,
              "Each row is a true class, each column a predicted one; the shade is the share of"
                  + " the row's texts, so the diagonal is each class's recall."
                  + which,
              Charts.heatMap(title, "predicted class", "true class", names, shares),
              Charts.HEAT_MAP_HEIGHT));
    }
    return out;
  }

  /** Loss and validation accuracy per epoch, for the models that have a history. */
  private static List<Figure> trainingCurves(List<ModelFigures> models) {
    List<ModelFigures> trained = models.stream().filter(m -> !m.history().isEmpty()).toList();
    if (trained.isEmpty()) {
      return List.of();
    }
    List<Figure> out = new ArrayList<>();
    out.add(
        new Figure(
            "loss.png",
            "Loss per epoch",
            "Training and validation loss (cross-entropy) after each epoch.",
            Charts.lines(
                "Loss per epoch",
                "epoch",
                "loss",
                historySeries(trained, true),
                Charts.Axes.FIT,
                true)));
    List<Charts.Series> accuracy = historySeries(trained, false);
    if (accuracy.isEmpty()) {
      // Trained without validation (validation-fraction 0): no accuracy to draw.
      return out;
    }
    out.add(
        new Figure(
            "accuracy.png",
            "Validation accuracy per epoch",
            "Accuracy on the validation split after each epoch.",
            Charts.lines(
                "Validation accuracy per epoch",
                "epoch",
                "accuracy",
                accuracy,
                Charts.Axes.FIT,
                true)));
    return out;
  }

  /** ROC, precision-recall and calibration: one curve per model, with their reference lines. */
  private static List<Figure> thresholdCurves(List<ModelFigures> models) {
    List<Charts.Series> roc = new ArrayList<>();
    List<Charts.Series> pr = new ArrayList<>();
    List<Charts.Series> calibration = new ArrayList<>();
    for (ModelFigures m : models) {
      ModelFigures.TwoClasses t = (ModelFigures.TwoClasses) m.scores();
      roc.add(
          new Charts.Series(
              String.format("%s (AUC %.4f)", m.role(), t.metrics().rocAuc()), t.roc()));
      pr.add(
          new Charts.Series(
              String.format("%s (AUC %.4f)", m.role(), t.metrics().prAuc()), t.precisionRecall()));
      calibration.add(
          new Charts.Series(
              m.role(),
              t.calibration().stream()
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
            "Accuracy by text length",
            "Accuracy in buckets of text length in words (the table below gives the texts per"
                + " bucket); the network reads at most prepare.max-len tokens.",
            Charts.bars("Accuracy by text length", "words", "accuracy", lengths)));
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
          addFinite(series, m.role() + " validation", e.epoch(), e.validationLoss());
        } else {
          addFinite(series, m.role() + " validation", e.epoch(), e.validationAccuracy());
        }
      }
    }
    return series.entrySet().stream()
        .map(e -> new Charts.Series(e.getKey(), e.getValue()))
        .toList();
  }

  /** Adds a point to a series unless it is NaN (an epoch without validation rows). */
  private static void addFinite(
      Map<String, List<ModelFigures.Point>> series, String name, int epoch, double value) {
    if (Double.isFinite(value)) {
      series
          .computeIfAbsent(name, k -> new ArrayList<>())
          .add(new ModelFigures.Point(epoch, value));
    }
  }
}
