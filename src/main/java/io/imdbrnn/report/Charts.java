package io.imdbrnn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts with JFreeChart into PNG bytes, headless (no display is needed: the
 * report is written on a cluster's driver). A chart is a pure function of its series.
 */
public final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 420;

  /** Colors by series order, readable for the common color-vision deficiencies (Okabe-Ito). */
  private static final Color[] PALETTE = {
    new Color(0x0072B2),
    new Color(0xD55E00),
    new Color(0x009E73),
    new Color(0xCC79A7),
    new Color(0xE69F00),
    new Color(0x56B4E9),
    new Color(0x000000)
  };

  static {
    // Before any AWT class loads: a driver has no display.
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /** One named line of (x, y) points; {@code dashed} for references such as a diagonal. */
  public record Series(String name, List<ModelFigures.Point> points, boolean dashed) {
    public Series(String name, List<ModelFigures.Point> points) {
      this(name, points, false);
    }
  }

  /** How a line chart's axes are scaled. */
  public enum Axes {
    /** Both axes 0 to 1: rates and probabilities. */
    UNIT,
    /** Integer steps along x, y fitted to the data: curves per epoch. */
    FIT,
    /** Both fitted, y from zero: quantities whose size matters, not only their trend. */
    FROM_ZERO
  }

  /** One named group of bars, a value per category. */
  public record Bars(String name, List<String> categories, List<Double> values) {}

  public static byte[] lines(
      String title, String xLabel, String yLabel, List<Series> series, Axes axes, boolean markers) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Series s : series) {
      // Distinct keys even if two models share a name; no sorting, curves may turn back.
      XYSeries xy = new XYSeries(s.name(), false, true);
      s.points().forEach(p -> xy.add(p.x(), p.y()));
      data.addSeries(xy);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, markers);
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, series.get(i).dashed() ? Color.GRAY : PALETTE[i % PALETTE.length]);
      renderer.setSeriesStroke(
          i,
          series.get(i).dashed()
              ? new BasicStroke(
                  1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
              : new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    switch (axes) {
      case UNIT -> {
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 1);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
      }
      case FIT -> {
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      }
      case FROM_ZERO -> ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
    }
    return png(style(chart));
  }

  public static byte[] bars(String title, String xLabel, String yLabel, List<Bars> groups) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bars g : groups) {
      for (int i = 0; i < g.categories().size(); i++) {
        data.addValue(g.values().get(i), g.name(), g.categories().get(i));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer renderer = (BarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    for (int i = 0; i < groups.size(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    NumberAxis range = (NumberAxis) plot.getRangeAxis();
    range.setAutoRangeIncludesZero(false);
    range.setRange(Math.max(0, minValue(groups) - 0.05), 1.0);
    return png(style(chart));
  }

  private static double minValue(List<Bars> groups) {
    return groups.stream()
        .flatMap(g -> g.values().stream())
        .mapToDouble(Double::doubleValue)
        .min()
        .orElse(0);
  }

  private static JFreeChart style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    chart.getPlot().setBackgroundPaint(new Color(0xF7F7F7));
    return chart;
  }

  private static byte[] png(JFreeChart chart) {
    BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
    try {
      return ChartUtils.encodeAsPNG(image);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a chart as PNG", e);
    }
  }
}
