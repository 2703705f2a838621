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
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts with JFreeChart into PNG bytes, headless (no display is needed: the
 * report is written on a cluster's driver). A chart is a pure function of its series.
 */
public final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 420;

  /** Heat maps are taller: their rows need room as much as their columns. */
  static final int HEAT_MAP_HEIGHT = 640;

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
    if (data.getColumnCount() > 8) {
      // Many classes: names read upwards, or they are cut to "...".
      plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_90);
      plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
      plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.3f);
    }
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

  /**
   * A square matrix of shares in [0, 1] as a heat map, white to dark blue: {@code values[row][col]}
   * at row {@code names[row]} (top to bottom) and column {@code names[col]}.
   */
  public static byte[] heatMap(
      String title, String xLabel, String yLabel, List<String> names, double[][] values) {
    int k = names.size();
    double[][] xyz = new double[3][k * k];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        int i = r * k + c;
        xyz[0][i] = c;
        xyz[1][i] = k - 1 - r;
        xyz[2][i] = values[r][c];
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("share", xyz);
    String[] across = names.toArray(new String[0]);
    String[] down = new String[k];
    for (int r = 0; r < k; r++) {
      down[k - 1 - r] = names.get(r);
    }
    SymbolAxis x = new SymbolAxis(xLabel, across);
    x.setVerticalTickLabels(true);
    SymbolAxis y = new SymbolAxis(yLabel, down);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, k > 20 ? 8 : 11);
    x.setTickLabelFont(small);
    y.setTickLabelFont(small);
    XYBlockRenderer renderer = new XYBlockRenderer();
    LookupPaintScale scale = new LookupPaintScale(0, 1.0001, Color.WHITE);
    for (int step = 0; step <= 20; step++) {
      double share = step / 20.0;
      scale.add(share, blend(Color.WHITE, PALETTE[0].darker(), share));
    }
    renderer.setPaintScale(scale);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    PaintScaleLegend legend = new PaintScaleLegend(scale, new NumberAxis("share of the row"));
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 4, 4, 4);
    chart.addSubtitle(legend);
    return png(style(chart), HEAT_MAP_HEIGHT);
  }

  private static Color blend(Color from, Color to, double t) {
    return new Color(
        (int) Math.round(from.getRed() + t * (to.getRed() - from.getRed())),
        (int) Math.round(from.getGreen() + t * (to.getGreen() - from.getGreen())),
        (int) Math.round(from.getBlue() + t * (to.getBlue() - from.getBlue())));
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
    return png(chart, HEIGHT);
  }

  private static byte[] png(JFreeChart chart, int height) {
    BufferedImage image = chart.createBufferedImage(WIDTH, height);
    try {
      return ChartUtils.encodeAsPNG(image);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode a chart as PNG", e);
    }
  }
}
