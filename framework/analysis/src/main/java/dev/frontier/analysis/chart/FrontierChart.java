package dev.frontier.analysis.chart;

import dev.frontier.analysis.AtomicFiles;
import dev.frontier.analysis.MetricNames;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter chart of two metrics: one series per technique (own colour and marker), and the Pareto
 * frontier of the two plotted metrics as a staircase line.
 *
 * <p>Only finished trials reporting both metrics are plotted; failed trials never are. The frontier
 * line is computed on the plotted pair alone, so with three or more objectives a trial on the overall
 * frontier may sit off the line. Axis titles come from {@link AxisTitles}; change them on the returned
 * chart if needed. Charts render headless: {@code java.awt.headless} is set to true unless the JVM
 * was started with a value.
 */
public final class FrontierChart {

  /** Name of the frontier series. */
  public static final String FRONTIER_SERIES = "Pareto frontier";

  /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
  private static final List<Color> PALETTE = List.of(
      new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
      new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x999933), new Color(0x882255));
  private static final List<Marker> MARKERS = List.of(
      SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
      SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE);
  private static final int WIDTH = 900;
  private static final int HEIGHT = 600;

  private FrontierChart() {}

  /**
   * Returns a chart of {@code y} against {@code x} over the finished trials.
   *
   * @param outcomes the trials; failed ones and those lacking a metric are left out
   * @param x the horizontal metric and its direction (the direction shapes the frontier line)
   * @param y the vertical metric and its direction
   * @param logX whether the x axis is logarithmic (then every plotted x must be positive)
   * @param title the chart title
   * @return the chart, ready to display or {@link #save}
   * @throws IllegalArgumentException if no trial can be plotted, or a plotted x is not positive on a
   *     log axis
   */
  public static XYChart of(List<TrialOutcome> outcomes, Objective x, Objective y, boolean logX, String title) {
    ensureHeadless();
    List<TrialOutcome> plotted = outcomes.stream()
        .filter(o -> o.isOk() && o.metric(x.metric()).isPresent() && o.metric(y.metric()).isPresent())
        .toList();
    if (plotted.isEmpty()) {
      throw new IllegalArgumentException("no finished trial reports both '" + x.metric() + "' and '"
          + y.metric() + "'; nothing to plot for chart '" + title + "'");
    }
    if (logX) {
      plotted.stream().filter(o -> o.metric(x.metric()).getAsDouble() <= 0).findFirst().ifPresent(o -> {
        throw new IllegalArgumentException("log x axis needs positive '" + x.metric() + "' but trial "
            + o.trialId() + " has " + MetricNames.format(o.metric(x.metric()).getAsDouble()));
      });
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(AxisTitles.of(x.metric())).yAxisTitle(AxisTitles.of(y.metric())).build();
    style(chart, logX);
    addFrontier(chart, plotted, x, y);
    addTechniques(chart, plotted, x, y);
    return chart;
  }

  /**
   * Returns a chart of the trials a Pareto analysis ranked, taking the directions of {@code xMetric}
   * and {@code yMetric} from its objectives. Failed, incomplete and infeasible trials are left out.
   *
   * @param result the analysis
   * @param xMetric the horizontal metric, one of the objectives
   * @param yMetric the vertical metric, one of the objectives
   * @param logX whether the x axis is logarithmic
   * @param title the chart title
   * @return the chart
   * @throws IllegalArgumentException if a metric is not an objective of the analysis
   */
  public static XYChart of(ParetoResult result, String xMetric, String yMetric, boolean logX, String title) {
    List<TrialOutcome> ranked = result.trials().stream()
        .filter(t -> t.standing() == Standing.RANKED).map(RankedTrial::outcome).toList();
    return of(ranked, objective(result, xMetric), objective(result, yMetric), logX, title);
  }

  /**
   * Writes the chart as {@code <path>.png} and {@code <path>.svg}, each atomically.
   *
   * @param chart the chart
   * @param withoutExtension the target path without extension, e.g. {@code run/accuracy_vs_size}
   * @return the two files
   * @throws IOException if writing fails
   */
  public static ChartFiles save(XYChart chart, Path withoutExtension) throws IOException {
    ensureHeadless();
    String base = withoutExtension.getFileName().toString();
    Path png = withoutExtension.resolveSibling(base + ".png");
    Path svg = withoutExtension.resolveSibling(base + ".svg");
    AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
        VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
    return new ChartFiles(png, svg);
  }

  /**
   * Returns the chart rendered as PNG bytes.
   *
   * @param chart the chart
   * @return the PNG image
   * @throws IOException if encoding fails
   */
  public static byte[] png(XYChart chart) throws IOException {
    ensureHeadless();
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  private static Objective objective(ParetoResult result, String metric) {
    return result.criteria().objective(metric).orElseThrow(() -> new IllegalArgumentException(
        "'" + metric + "' is not an objective of this analysis " + result.criteria().objectives()
            + "; pass Objective values to FrontierChart.of(outcomes, x, y, logX, title) to chart other metrics"));
  }

  private static void style(XYChart chart, boolean logX) {
    var styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setXAxisLogarithmic(logX);
    styler.setXAxisLogarithmicDecadeOnly(false);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setMarkerSize(9);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xDDDDDD));
    styler.setLegendBorderColor(new Color(0xCCCCCC));
    styler.setAntiAlias(true);
    styler.setYAxisDecimalPattern("0.###");
    if (!logX) {
      styler.setXAxisDecimalPattern("0.###");
    }
  }

  private static void addFrontier(XYChart chart, List<TrialOutcome> plotted, Objective x, Objective y) {
    double[][] line = Staircase.of(values(plotted, x), values(plotted, y), x, y);
    XYSeries series = chart.addSeries(FRONTIER_SERIES, line[0], line[1]);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(new Color(0x333333));
    series.setLineStyle(new BasicStroke(1.6f));
  }

  private static void addTechniques(XYChart chart, List<TrialOutcome> plotted, Objective x, Objective y) {
    var byTechnique = new LinkedHashMap<String, List<TrialOutcome>>();
    plotted.forEach(o -> byTechnique.computeIfAbsent(o.technique(), k -> new ArrayList<>()).add(o));
    var names = new LinkedHashSet<String>();
    names.add(FRONTIER_SERIES);
    int index = 0;
    for (var entry : byTechnique.entrySet()) {
      String name = entry.getKey();
      while (!names.add(name)) {
        name = name + " ";
      }
      XYSeries series = chart.addSeries(name, values(entry.getValue(), x), values(entry.getValue(), y));
      series.setMarker(MARKERS.get(index % MARKERS.size()));
      series.setMarkerColor(PALETTE.get(index % PALETTE.size()));
      index++;
    }
  }

  private static double[] values(List<TrialOutcome> outcomes, Objective objective) {
    return outcomes.stream().mapToDouble(o -> o.metric(objective.metric()).getAsDouble()).toArray();
  }

  private static void ensureHeadless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
