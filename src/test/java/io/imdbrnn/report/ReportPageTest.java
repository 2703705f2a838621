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
        new BinaryMetrics(100, accuracy, 0.4, 0.8, 0.9, 0.85, 0.91, 0.9, 45, 11, 39, 5),
        roc,
        roc,
        List.of(
            new ModelFigures.CalibrationBin(0.0, 0.05, 0.1, 40),
            new ModelFigures.CalibrationBin(0.9, 0.95, 0.9, 60)),
        List.of(
            new ModelFigures.LengthBucket("0-99", 60, 0.9),
            new ModelFigures.LengthBucket("100-199", 40, accuracy)),
        epochs,
        List.of(
            new ModelFigures.WrongReview(
                "test/neg/1_2", 0, 0.99, "<script>alert('x')</script> & \"quoted\"")),
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
            bare.metrics(),
            bare.roc(),
            bare.precisionRecall(),
            bare.calibration(),
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
