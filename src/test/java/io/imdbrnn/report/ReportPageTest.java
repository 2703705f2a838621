package io.imdbrnn.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.scoring.BinaryMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The page and its charts from figures made up here: no Spark. */
class ReportPageTest {
  private static ModelFigures figures(String role, double accuracy, boolean history) {
    List<ModelFigures.Point> roc =
        List.of(
            new ModelFigures.Point(0, 0),
            new ModelFigures.Point(0.1, 0.7),
            new ModelFigures.Point(1, 1));
    List<ModelFigures.Epoch> epochs = new ArrayList<>();
    if (history) {
      for (int e = 1; e <= 4; e++) {
        epochs.add(new ModelFigures.Epoch(e, 0.7 / e, 0.6 / e + 0.1, 0.6 + e * 0.05));
      }
    }
    return new ModelFigures(
        role,
        role + "-id",
        new ModelFigures.TwoClasses(
            new BinaryMetrics(100, accuracy, 0.4, 0.8, 0.9, 0.85, 0.91, 0.9, 45, 11, 39, 5),
            roc,
            roc,
            List.of(
                new ModelFigures.CalibrationBin(0.0, 0.05, 0.1, 40),
                new ModelFigures.CalibrationBin(0.9, 0.95, 0.9, 60))),
        List.of(
            new ModelFigures.LengthBucket("0-99", 60, 0.9),
            new ModelFigures.LengthBucket("100-199", 40, accuracy)),
        epochs,
        List.of(
            new ModelFigures.WrongText(
                "test/neg/1_2", "neg", "pos", 0.99, "<script>alert('x')</script> & \"quoted\"")),
        Map.of("settings.train.epochs", "10", "note", "<b>not bold</b>"));
  }

  @Test
  void everyFigureIsAPngOfTheChartSizeWithSomethingDrawn() throws Exception {
    List<ReportCharts.Figure> drawn =
        ReportCharts.draw(List.of(figures("model", 0.84, true), figures("baseline", 0.9, false)));
    assertThat(drawn)
        .extracting(ReportCharts.Figure::file)
        .containsExactly(
            "loss.png",
            "accuracy.png",
            "roc.png",
            "precision-recall.png",
            "calibration.png",
            "accuracy-by-length.png");
    for (ReportCharts.Figure f : drawn) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
      assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
      assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
      assertThat(distinctColors(image)).as(f.file()).isGreaterThan(20);
    }
  }

  @Test
  void withoutHistoryOrReviewsThoseFiguresAreLeftOut() {
    ModelFigures bare = figures("baseline", 0.9, false);
    ModelFigures noLengths =
        new ModelFigures(
            bare.role(),
            bare.modelId(),
            bare.scores(),
            List.of(),
            List.of(),
            List.of(),
            bare.provenance());
    assertThat(ReportCharts.draw(List.of(noLengths)))
        .extracting(ReportCharts.Figure::file)
        .containsExactly("roc.png", "precision-recall.png", "calibration.png");
  }

  @Test
  void thePageInlinesEveryFigureAndEscapesWhatComesFromData() {
    List<ModelFigures> models =
        List.of(figures("model", 0.84, true), figures("champion", 0.8, true));
    List<ReportCharts.Figure> drawn = ReportCharts.draw(models);
    String html = ReportPage.render("Report <x>", "2026-11-25T10:00:00Z", models, drawn);
    Matcher img =
        Pattern.compile("<img src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html);
    int images = 0;
    while (img.find()) {
      images++;
    }
    assertThat(images).isEqualTo(drawn.size());
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<b>not bold</b>")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;quoted&quot;")
        .contains("Report &lt;x&gt;")
        .contains("<th>model</th><th>champion</th>")
        .contains("<td>accuracy</td><td>0.8400</td><td>0.8000</td>")
        .contains("Most confidently wrong: champion")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  /**
   * A K-class model: {@code k} classes named with markup, class {@code c} of 10 + c texts of which
   * {@code c % 7} are predicted as the next class.
   */
  private static ModelFigures classes(String role, int k) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add(c == 0 ? "<i>zero</i>" : "class " + c);
    }
    long[][] confusion = new long[k][k];
    for (int c = 0; c < k; c++) {
      confusion[c][(c + 1) % k] = c % 7;
      confusion[c][c] = 10 + c - c % 7;
    }
    io.imdbrnn.scoring.ClassMetrics m =
        io.imdbrnn.scoring.ClassMetrics.of(
            java.util.Arrays.stream(confusion).flatMapToLong(java.util.Arrays::stream).sum(),
            0.5,
            3,
            0.95,
            new io.imdbrnn.labels.LabelIndex(names),
            confusion);
    return new ModelFigures(
        role,
        role + "-id",
        new ModelFigures.Classes(m),
        List.of(new ModelFigures.LengthBucket("0-99", 60, 0.9)),
        List.of(new ModelFigures.Epoch(1, 1.0, 0.9, 0.7), new ModelFigures.Epoch(2, 0.8, 0.7, 0.8)),
        List.of(new ModelFigures.WrongText("t1", "<i>zero</i>", "class 1", 0.7, "some text")),
        Map.of());
  }

  @Test
  void aManyClassReportHasPerClassFiguresAndEveryClassInItsTable() throws Exception {
    List<ModelFigures> models = List.of(classes("model", 40), classes("baseline", 40));
    List<ReportCharts.Figure> drawn = ReportCharts.draw(models);
    assertThat(drawn)
        .extracting(ReportCharts.Figure::file)
        .containsExactly(
            "loss.png",
            "accuracy.png",
            "f1-by-class.png",
            "confusion-model.png",
            "confusion-baseline.png",
            "accuracy-by-length.png");
    for (ReportCharts.Figure f : drawn) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
      assertThat(image.getHeight()).as(f.file()).isEqualTo(f.height());
      assertThat(distinctColors(image)).as(f.file()).isGreaterThan(20);
    }
    assertThat(drawn.get(3).height()).isEqualTo(Charts.HEAT_MAP_HEIGHT);
    assertThat(drawn.get(3).caption())
        .contains("Of the 40 classes, the 30 the model confuses most");
    String html = ReportPage.render("K", "2026-12-06T10:00:00Z", models, drawn);
    assertThat(html)
        .contains("<td>macro-F1</td>")
        .contains("<td>top-3 accuracy</td><td>0.9500</td><td>0.9500</td>")
        .contains("<td>&lt;i&gt;zero&lt;/i&gt;</td>")
        .contains("<td>class 39</td>")
        .contains("Worst mistakes of the classes of the lowest F1: model")
        .doesNotContain("<i>")
        .doesNotContain("predicted positive");
  }

  @Test
  void beyondThirtyClassesTheMostConfusedAreShownInClassOrder() {
    io.imdbrnn.scoring.ClassMetrics m =
        ((ModelFigures.Classes) classes("model", 40).scores()).metrics();
    List<Integer> shown = ReportCharts.shownClasses(m);
    assertThat(shown).hasSize(ReportCharts.CLASSES_SHOWN).isSorted();
    // Class c misses c % 7 texts and receives (c - 1) % 7: 1, 8, 15, ... are in 1 mistake, the
    // fewest; 6, 13, 20, ... in 11, the most.
    assertThat(shown).contains(6, 13, 20, 27, 34).doesNotContain(1, 8, 15, 22, 29, 36);
    assertThat(
            ReportCharts.shownClasses(
                ((ModelFigures.Classes) classes("model", 12).scores()).metrics()))
        .hasSize(12);
  }

  private static int distinctColors(BufferedImage image) {
    java.util.Set<Integer> colors = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
