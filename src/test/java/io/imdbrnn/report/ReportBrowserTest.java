package io.imdbrnn.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imdbrnn.testing.CliRun;
import io.imdbrnn.testing.SparkTestBase;
import io.imdbrnn.testing.SyntheticReviews;
import io.imdbrnn.testing.TarGzBuilder;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} over a simple-rnn bundle, a gated-cell (LSTM) bundle and the baseline, each opened
 * in headless Chromium: the page loads without script or network errors, every figure decodes, and
 * the screenshot shows the charts' colors. Where Chromium is not installed (Debian: {@code apt-get
 * install chromium}) the browser half is skipped with that message; the files are still checked.
 */
class ReportBrowserTest extends SparkTestBase {
  private static final String[] SMALL = {
    "--set", "prepare.max-len=24",
    "--set", "prepare.vocab-size=80",
    "--set", "train.epochs=2",
    "--set", "train.batch-size=8",
    "--set", "train.workers=2",
    "--set", "baseline.min-doc-freq=1"
  };

  /** The first series color of every chart (Okabe-Ito blue): only a drawn figure has it. */
  private static final int CHART_BLUE = 0x0072B2;

  @TempDir Path dir;

  @Test
  void reportsOfASimpleRnnAnLstmAndTheBaselineRenderInABrowser() throws Exception {
    Path archive =
        new TarGzBuilder()
            .dataset("aclImdb/", SyntheticReviews.of(20, 5))
            .write(dir.resolve("a.tar.gz"));
    Path work = dir.resolve("work");
    cli("run", "--input", archive.toString(), "--work-dir", work.toString());
    String reviews = work.resolve("reviews").toString();
    String prepared = work.resolve("prepared").toString();
    cli(
        "train",
        "--input",
        prepared,
        "--output",
        dir.resolve("lstm").toString(),
        "--set",
        "train.cell=lstm");
    cli(
        "evaluate",
        "--model",
        dir.resolve("lstm").toString(),
        "--input",
        prepared,
        "--output",
        dir.resolve("lstm-eval").toString());
    cli("baseline", "--input", reviews, "--output", dir.resolve("baseline").toString());

    Path simple = dir.resolve("report-simple");
    cli(
        "report",
        "--evaluation",
        work.resolve("evaluation").toString(),
        "--model",
        work.resolve("model").toString(),
        "--reviews",
        reviews,
        "--baseline",
        dir.resolve("baseline").toString(),
        "--output",
        simple.toString());
    Path lstm = dir.resolve("report-lstm");
    cli(
        "report",
        "--evaluation",
        dir.resolve("lstm-eval").toString(),
        "--model",
        dir.resolve("lstm").toString(),
        "--reviews",
        reviews,
        "--output",
        lstm.toString());
    Path baseline = dir.resolve("report-baseline");
    cli(
        "report",
        "--evaluation",
        dir.resolve("baseline").toString(),
        "--reviews",
        reviews,
        "--output",
        baseline.toString());

    CliRun mismatched =
        CliRun.of(
            "report",
            "--evaluation",
            work.resolve("evaluation").toString(),
            "--model",
            dir.resolve("lstm").toString(),
            "--output",
            dir.resolve("report-mismatched").toString());
    assertThat(mismatched.exitCode()).isEqualTo(io.imdbrnn.cli.ImdbRnn.EXIT_BAD_INPUT);
    assertThat(mismatched.err())
        .contains("(report.evaluation) is of model")
        .contains("report.model");
    assertThat(dir.resolve("report-mismatched")).doesNotExist();

    List<String> all =
        List.of(
            "loss.png",
            "accuracy.png",
            "roc.png",
            "precision-recall.png",
            "calibration.png",
            "accuracy-by-length.png");
    checkFiles(simple, all);
    checkFiles(lstm, all);
    checkFiles(baseline, all.subList(2, all.size()));
    assertThat(Files.readString(simple.resolve(ReportJob.PAGE)))
        .contains("<th>model</th><th>baseline</th>")
        .contains("settings.train.cell</td><td><code>simple-rnn")
        .contains("Most confidently wrong");
    assertThat(Files.readString(lstm.resolve(ReportJob.PAGE)))
        .contains("settings.train.cell</td><td><code>lstm");
    assertThat(Files.readString(baseline.resolve(ReportJob.PAGE)))
        .contains("Settings and provenance: baseline")
        .contains("settings.baseline.reg-param");

    Optional<String> chromium = chromium();
    Assumptions.assumeTrue(
        chromium.isPresent(),
        "Chromium is not installed (Debian: apt-get install chromium); the browser check of"
            + " report.html is skipped.");
    for (Path report : List.of(simple, lstm, baseline)) {
      int figures = (int) Files.list(report).filter(p -> p.toString().endsWith(".png")).count();
      checkInBrowser(chromium.get(), report, figures);
    }
  }

  private static void cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(SMALL));
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.err()).isZero();
  }

  private static void checkFiles(Path report, List<String> figures) throws Exception {
    assertThat(report.resolve(ReportJob.PAGE)).isRegularFile();
    try (Stream<Path> files = Files.list(report)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")))
          .containsExactlyInAnyOrderElementsOf(figures);
    }
    for (String f : figures) {
      assertThat(ImageIO.read(report.resolve(f).toFile())).as(f).isNotNull();
    }
  }

  /**
   * Opens a copy of the page with a probe that records, once the page has loaded, how many images
   * decoded; reads it back from the DOM Chromium dumps, and checks its console for errors and a
   * screenshot for the charts.
   */
  private void checkInBrowser(String chromium, Path report, int figures) throws Exception {
    String html = Files.readString(report.resolve(ReportJob.PAGE));
    String probe =
        "<script>window.addEventListener('load', () => { const imgs = [...document.images];"
            + " document.body.setAttribute('data-probe', imgs.length + '/' + imgs.filter(i =>"
            + " i.complete && i.naturalWidth > 0).length); });</script>";
    Path probed = report.resolve("probed.html");
    Files.writeString(probed, html.replace("</body>", probe + "</body>"));
    Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
    List<String> common =
        List.of(
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--enable-logging=stderr",
            "--v=0",
            // No network at all: the page must not need it.
            "--proxy-server=127.0.0.1:9",
            "--window-size=1400,4000");
    List<String> dump = new ArrayList<>(common);
    dump.add("--dump-dom");
    dump.add(probed.toUri().toString());
    Result dom = exec(dump);
    assertThat(dom.out()).as(dom.err()).contains("data-probe=\"" + figures + "/" + figures + "\"");
    assertThat(dom.err()).doesNotContainIgnoringCase("Uncaught").doesNotContain(":CONSOLE(");

    Path shot = dir.resolve("shot-" + report.getFileName() + ".png");
    List<String> screenshot = new ArrayList<>(common);
    screenshot.add("--screenshot=" + shot);
    screenshot.add(report.resolve(ReportJob.PAGE).toUri().toString());
    Result shotRun = exec(screenshot);
    assertThat(shot).as(shotRun.err()).isRegularFile();
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(pixelsOf(image, CHART_BLUE)).as("chart pixels in the screenshot").isGreaterThan(200);
  }

  private static long pixelsOf(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  private record Result(String out, String err) {}

  private Result exec(List<String> cmd) throws Exception {
    Path out = Files.createTempFile(dir, "chromium", ".out");
    Path err = Files.createTempFile(dir, "chromium", ".err");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Chromium did not finish in 120 s: " + cmd);
    }
    return new Result(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Optional<String> chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        File f = new File(d, name);
        if (f.canExecute()) {
          return Optional.of(f.getPath());
        }
      }
    }
    return Optional.empty();
  }
}
