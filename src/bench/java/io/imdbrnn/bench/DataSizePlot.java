package io.imdbrnn.bench;

import io.imdbrnn.report.Charts;
import io.imdbrnn.report.ModelFigures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the data-size bench's figure with the report's chart code: time per review against data
 * size, one line per stage (flat lines mean cost grows linearly with the data). The seconds are the
 * stage's own work, without the JVM and Spark session start-up every command pays once.
 *
 * <p>Arguments: results.tsv (scale, stage, stage-work seconds, reviews, live heap MB, command
 * seconds) output.png
 */
public final class DataSizePlot {
  private DataSizePlot() {}

  public static void main(String[] args) throws IOException {
    Map<String, List<ModelFigures.Point>> byStage = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split("\t");
      double scale = Double.parseDouble(f[0]);
      double micros = Double.parseDouble(f[2]) * 1e6 / Double.parseDouble(f[3]);
      byStage
          .computeIfAbsent(f[1], k -> new ArrayList<>())
          .add(new ModelFigures.Point(scale, micros));
    }
    List<Charts.Series> series = new ArrayList<>();
    byStage.forEach((stage, points) -> series.add(new Charts.Series(stage, points)));
    Files.write(
        Path.of(args[1]),
        Charts.lines(
            "Time per review against data size (stage work)",
            "data size (x the 50,000 reviews)",
            "microseconds per review",
            series,
            Charts.Axes.FROM_ZERO,
            true));
  }
}
