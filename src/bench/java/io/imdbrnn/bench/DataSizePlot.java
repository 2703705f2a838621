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
 * Draws the data-size bench's figure with the report's chart code: time per review above each
 * stage's fixed cost against data size, one line per stage (flat lines mean cost grows linearly
 * with the data). The bench measures the fixed cost on 1/50 of the reviews and passes seconds and
 * reviews above it.
 *
 * <p>Arguments: plot.tsv (scale, stage, seconds, reviews, live heap MB) output.png
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
            "Time per review above the fixed cost, against data size",
            "data size (x the 50,000 reviews)",
            "microseconds per review",
            series,
            Charts.Axes.FROM_ZERO,
            true));
  }
}
