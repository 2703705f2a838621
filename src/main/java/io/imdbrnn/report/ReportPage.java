package io.imdbrnn.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import io.imdbrnn.scoring.BinaryMetrics;
import io.imdbrnn.scoring.ClassMetrics;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The HTML of the report: one file with its figures inline as data URIs and its style in the page,
 * so it opens anywhere, offline, and can be mailed or attached to a scheduler run. Every text that
 * comes from data (ids, labels, text excerpts, settings) is escaped.
 */
public final class ReportPage {
  private ReportPage() {}

  public static String render(
      String title,
      String generatedAt,
      List<ModelFigures> models,
      List<ReportCharts.Figure> figures) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escapeHtml4(title))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escapeHtml4(title))
        .append("</h1>\n<p class=\"meta\">Generated ")
        .append(escapeHtml4(generatedAt))
        .append(" by imdb-rnn-spark. Models: ");
    for (int i = 0; i < models.size(); i++) {
      h.append(i == 0 ? "" : ", ")
          .append("<b>")
          .append(escapeHtml4(models.get(i).role()))
          .append("</b> <code>")
          .append(escapeHtml4(models.get(i).modelId()))
          .append("</code>");
    }
    h.append(". All figures are on the same ")
        .append(models.get(0).scores().metrics().n())
        .append(" texts.</p>\n");
    metrics(h, models);
    if (models.get(0).scores() instanceof ModelFigures.Classes) {
      perClass(h, models);
    } else {
      confusion(h, models);
    }
    h.append("<h2>Figures</h2>\n<div class=\"figures\">\n");
    for (ReportCharts.Figure f : figures) {
      h.append("<figure id=\"")
          .append(escapeHtml4(f.file()))
          .append("\"><img src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(f.png()))
          .append("\" alt=\"")
          .append(escapeHtml4(f.title()))
          .append("\" width=\"")
          .append(Charts.WIDTH)
          .append("\" height=\"")
          .append(f.height())
          .append("\"><figcaption>")
          .append(escapeHtml4(f.caption()))
          .append(" (<a href=\"")
          .append(escapeHtml4(f.file()))
          .append("\">PNG</a>)</figcaption></figure>\n");
    }
    h.append("</div>\n");
    lengths(h, models);
    for (ModelFigures m : models) {
      wrong(h, m);
    }
    for (ModelFigures m : models) {
      provenance(h, m);
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void metrics(StringBuilder h, List<ModelFigures> models) {
    h.append("<h2>Metrics</h2>\n<table class=\"metrics\"><tr><th></th>");
    for (ModelFigures m : models) {
      h.append("<th>").append(escapeHtml4(m.role())).append("</th>");
    }
    h.append("</tr>\n");
    row(h, models, "accuracy", s -> s.metrics().accuracy());
    row(h, models, "log loss", s -> s.metrics().logLoss());
    if (models.get(0).scores() instanceof ModelFigures.Classes first) {
      row(h, models, "macro-F1", s -> classes(s).macroF1());
      row(h, models, "weighted-F1", s -> classes(s).weightedF1());
      row(h, models, "top-" + first.metrics().topK() + " accuracy", s -> classes(s).topKAccuracy());
    } else {
      row(h, models, "precision", s -> two(s).precision());
      row(h, models, "recall", s -> two(s).recall());
      row(h, models, "F1", s -> two(s).f1());
      row(h, models, "ROC AUC", s -> two(s).rocAuc());
      row(h, models, "PR AUC", s -> two(s).prAuc());
    }
    h.append("<tr><td>texts</td>");
    for (ModelFigures m : models) {
      h.append("<td>").append(m.scores().metrics().n()).append("</td>");
    }
    h.append("</tr>\n</table>\n");
    if (models.get(0).scores() instanceof ModelFigures.Classes first) {
      h.append("<p class=\"note\">")
          .append(first.metrics().perClass().size())
          .append(
              " classes; the prediction is the most probable class. Macro-F1 averages the"
                  + " classes alike, weighted-F1 by their texts.</p>\n");
    } else {
      h.append("<p class=\"note\">Threshold 0.5.</p>\n");
    }
  }

  private static BinaryMetrics two(ModelFigures.Scores s) {
    return ((ModelFigures.TwoClasses) s).metrics();
  }

  private static ClassMetrics classes(ModelFigures.Scores s) {
    return ((ModelFigures.Classes) s).metrics();
  }

  private static void row(
      StringBuilder h,
      List<ModelFigures> models,
      String name,
      ToDoubleFunction<ModelFigures.Scores> f) {
    h.append("<tr><td>").append(escapeHtml4(name)).append("</td>");
    for (ModelFigures m : models) {
      h.append("<td>").append(String.format("%.4f", f.applyAsDouble(m.scores()))).append("</td>");
    }
    h.append("</tr>\n");
  }

  private static void confusion(StringBuilder h, List<ModelFigures> models) {
    h.append("<h2>Confusion matrix</h2>\n<div class=\"side\">\n");
    for (ModelFigures m : models) {
      BinaryMetrics x = two(m.scores());
      h.append("<table class=\"confusion\"><caption>")
          .append(escapeHtml4(m.role()))
          .append(
              "</caption><tr><th></th><th>predicted negative</th><th>predicted positive</th></tr>")
          .append("<tr><th>negative</th><td>")
          .append(x.trueNegatives())
          .append("</td><td class=\"err\">")
          .append(x.falsePositives())
          .append("</td></tr><tr><th>positive</th><td class=\"err\">")
          .append(x.falseNegatives())
          .append("</td><td>")
          .append(x.truePositives())
          .append("</td></tr></table>\n");
    }
    h.append("</div>\n");
  }

  /** Every class: its texts, the first model's precision and recall, and each model's F1. */
  private static void perClass(StringBuilder h, List<ModelFigures> models) {
    ClassMetrics first = classes(models.get(0).scores());
    h.append("<h2>Per class</h2>\n<table class=\"metrics\"><tr><th>class</th><th>texts</th>")
        .append("<th>predicted</th><th>precision</th><th>recall</th>");
    for (ModelFigures m : models) {
      h.append("<th>F1 ").append(escapeHtml4(m.role())).append("</th>");
    }
    h.append("</tr>\n");
    for (int c = 0; c < first.perClass().size(); c++) {
      ClassMetrics.PerClass p = first.perClass().get(c);
      h.append("<tr><td>")
          .append(escapeHtml4(p.label()))
          .append("</td><td>")
          .append(p.support())
          .append("</td><td>")
          .append(p.predicted())
          .append(String.format("</td><td>%.4f</td><td>%.4f</td>", p.precision(), p.recall()));
      for (ModelFigures m : models) {
        h.append(String.format("<td>%.4f</td>", classes(m.scores()).perClass().get(c).f1()));
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p class=\"note\">Precision and recall are the ")
        .append(escapeHtml4(models.get(0).role()))
        .append("'s. The confusion matrix is in the figures and in the evaluation's confusion/.")
        .append("</p>\n");
  }

  private static void lengths(StringBuilder h, List<ModelFigures> models) {
    ModelFigures first = models.get(0);
    if (first.byLength().isEmpty()) {
      h.append(
          "<p class=\"note\">Accuracy by length and the wrong texts need the texts dataset"
              + " (report.reviews).</p>\n");
      return;
    }
    h.append("<h2>Accuracy by text length</h2>\n<table class=\"metrics\"><tr><th>words</th>")
        .append("<th>texts</th>");
    for (ModelFigures m : models) {
      h.append("<th>").append(escapeHtml4(m.role())).append("</th>");
    }
    h.append("</tr>\n");
    for (int i = 0; i < first.byLength().size(); i++) {
      ModelFigures.LengthBucket b = first.byLength().get(i);
      h.append("<tr><td>").append(b.label()).append("</td><td>").append(b.n()).append("</td>");
      for (ModelFigures m : models) {
        h.append("<td>")
            .append(
                i < m.byLength().size()
                    ? String.format("%.4f", m.byLength().get(i).accuracy())
                    : "")
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void wrong(StringBuilder h, ModelFigures m) {
    if (m.wrong().isEmpty()) {
      return;
    }
    h.append(
            m.scores() instanceof ModelFigures.Classes
                ? "<h2>Worst mistakes of the classes of the lowest F1: "
                : "<h2>Most confidently wrong: ")
        .append(escapeHtml4(m.role()))
        .append("</h2>\n<table class=\"wrong\"><tr><th>id</th><th>label</th>")
        .append("<th>predicted</th><th>its probability</th><th>text</th></tr>\n");
    for (ModelFigures.WrongText w : m.wrong()) {
      h.append("<tr><td><code>")
          .append(escapeHtml4(w.id()))
          .append("</code></td><td>")
          .append(escapeHtml4(w.label()))
          .append("</td><td>")
          .append(escapeHtml4(w.predicted()))
          .append("</td><td>")
          .append(String.format("%.4f", w.confidence()))
          .append("</td><td>")
          .append(escapeHtml4(w.excerpt()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void provenance(StringBuilder h, ModelFigures m) {
    h.append("<h2>Settings and provenance: ")
        .append(escapeHtml4(m.role()))
        .append("</h2>\n<table class=\"settings\">\n");
    for (Map.Entry<String, String> e : m.provenance().entrySet()) {
      h.append("<tr><td>")
          .append(escapeHtml4(e.getKey()))
          .append("</td><td><code>")
          .append(escapeHtml4(e.getValue()))
          .append("</code></td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1400px; color: #222; }
      h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
      .meta, .note { color: #555; }
      table { border-collapse: collapse; margin: 0.5em 1.5em 0.5em 0; }
      th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: right; }
      td:first-child, th:first-child { text-align: left; }
      table.wrong td:last-child, table.settings td:last-child { text-align: left; }
      table.wrong td:last-child { max-width: 60em; }
      td.err { background: #fde8e0; }
      caption { font-weight: bold; padding: 0.3em; }
      .side, .figures { display: flex; flex-wrap: wrap; gap: 1em; }
      figure { margin: 0; max-width: 640px; }
      figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
      figcaption { font-size: 0.9em; color: #444; }
      code { font-size: 0.9em; word-break: break-all; }
      """;
}
