package dev.frontier.analysis.chart;

import dev.frontier.analysis.AtomicFiles;
import dev.frontier.analysis.ConfidenceInterval;
import dev.frontier.analysis.MetricNames;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.DoubleStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A scatter chart of two metrics: one series per technique (own colour and marker), the 95%
 * confidence interval of each point as an error bar, the Pareto frontier of the two plotted metrics
 * as a staircase line, and the frontier trials' names next to their points.
 *
 * <p>Only finished trials reporting both metrics are plotted; failed trials never are. The frontier
 * line is computed on the plotted pair alone, so with three or more objectives a trial on the
 * overall frontier may sit off the line. Axes are set up by {@link ChartAxes} (sizes in KB/MB,
 * accuracy in %, round ticks on a log axis). A trial's interval comes from {@link
 * ConfidenceInterval}; XChart draws symmetric error bars, so each technique gets a hidden series at
 * the interval's midpoints whose bars span exactly [low, high] (a Wilson interval is not centred on
 * the measured value). Charts render headless: {@code java.awt.headless} is set to true unless the
 * JVM was started with a value.
 */
public final class FrontierChart {

    /** Name of the frontier series. */
    public static final String FRONTIER_SERIES = "Pareto frontier";

    /** Suffix of the hidden series carrying a technique's confidence intervals as error bars. */
    public static final String INTERVAL_SUFFIX = " (95% CI)";

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
    private static final List<Color> PALETTE =
            List.of(
                    new Color(0x0072B2),
                    new Color(0xE69F00),
                    new Color(0x009E73),
                    new Color(0xD55E00),
                    new Color(0xCC79A7),
                    new Color(0x56B4E9),
                    new Color(0x999933),
                    new Color(0x882255));

    private static final List<Marker> MARKERS =
            List.of(
                    SeriesMarkers.CIRCLE,
                    SeriesMarkers.DIAMOND,
                    SeriesMarkers.SQUARE,
                    SeriesMarkers.TRIANGLE_UP,
                    SeriesMarkers.TRIANGLE_DOWN,
                    SeriesMarkers.CIRCLE,
                    SeriesMarkers.DIAMOND,
                    SeriesMarkers.SQUARE);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int MARKER_SIZE = 9;

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
     * @throws IllegalArgumentException if no trial can be plotted, or a plotted x is not positive
     *     on a log axis
     */
    public static XYChart of(
            List<TrialOutcome> outcomes, Objective x, Objective y, boolean logX, String title) {
        ensureHeadless();
        List<TrialOutcome> plotted =
                outcomes.stream()
                        .filter(
                                o ->
                                        o.isOk()
                                                && o.metric(x.metric()).isPresent()
                                                && o.metric(y.metric()).isPresent())
                        .toList();
        if (plotted.isEmpty()) {
            throw new IllegalArgumentException(
                    "no finished trial reports both '"
                            + x.metric()
                            + "' and '"
                            + y.metric()
                            + "'; nothing to plot for chart '"
                            + title
                            + "'");
        }
        if (logX) {
            plotted.stream()
                    .filter(o -> o.metric(x.metric()).getAsDouble() <= 0)
                    .findFirst()
                    .ifPresent(
                            o -> {
                                throw new IllegalArgumentException(
                                        "log x axis needs positive '"
                                                + x.metric()
                                                + "' but trial "
                                                + o.trialId()
                                                + " has "
                                                + MetricNames.format(
                                                        o.metric(x.metric()).getAsDouble()));
                            });
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).build();
        style(chart);
        double[] xs = values(plotted, x);
        double[] ys = values(plotted, y);
        var intervals = plotted.stream().map(o -> ConfidenceInterval.of(o, y.metric())).toList();
        double[] yExtent =
                DoubleStream.concat(
                                Arrays.stream(ys),
                                intervals.stream()
                                        .flatMap(Optional::stream)
                                        .flatMapToDouble(
                                                ci -> DoubleStream.of(ci.low(), ci.high())))
                        .toArray();
        ChartAxes.apply(chart, x.metric(), y.metric(), logX, xs, yExtent);
        if (intervals.stream().anyMatch(Optional::isPresent)) {
            chart.setYAxisTitle(chart.getYAxisTitle() + ", bars: 95% CI");
        }
        addFrontier(chart, xs, ys, x, y);
        var byTechnique = new LinkedHashMap<String, List<Integer>>();
        for (int i = 0; i < plotted.size(); i++) {
            byTechnique.computeIfAbsent(plotted.get(i).technique(), k -> new ArrayList<>()).add(i);
        }
        var names = new LinkedHashSet<>(chart.getSeriesMap().keySet());
        addIntervals(chart, byTechnique, xs, intervals, names);
        addTechniques(chart, byTechnique, xs, ys, names);
        chart.addAnnotation(labels(plotted, xs, ys, x, y));
        return chart;
    }

    /**
     * Returns a chart of the trials a Pareto analysis ranked, taking the directions of {@code
     * xMetric} and {@code yMetric} from its objectives. Failed, incomplete and infeasible trials
     * are left out.
     *
     * @param result the analysis
     * @param xMetric the horizontal metric, one of the objectives
     * @param yMetric the vertical metric, one of the objectives
     * @param logX whether the x axis is logarithmic
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if a metric is not an objective of the analysis
     */
    public static XYChart of(
            ParetoResult result, String xMetric, String yMetric, boolean logX, String title) {
        List<TrialOutcome> ranked =
                result.trials().stream()
                        .filter(t -> t.standing() == Standing.RANKED)
                        .map(RankedTrial::outcome)
                        .toList();
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
        AtomicFiles.write(
                png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(
                svg,
                out ->
                        VectorGraphicsEncoder.saveVectorGraphic(
                                chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
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
        return result.criteria()
                .objective(metric)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "'"
                                                + metric
                                                + "' is not an objective of this analysis "
                                                + result.criteria().objectives()
                                                + "; pass Objective values to FrontierChart.of(outcomes, x, y, logX, title) to chart other metrics"));
    }

    private static void style(XYChart chart) {
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(MARKER_SIZE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setErrorBarsColorSeriesColor(true);
        styler.setAntiAlias(true);
    }

    private static void addFrontier(
            XYChart chart, double[] xs, double[] ys, Objective x, Objective y) {
        double[][] line = Staircase.of(xs, ys, x, y);
        XYSeries series = chart.addSeries(FRONTIER_SERIES, line[0], line[1]);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(new Color(0x333333));
        series.setLineStyle(new BasicStroke(1.6f));
    }

    /** One hidden series per technique whose error bars span each trial's interval. */
    private static void addIntervals(
            XYChart chart,
            Map<String, List<Integer>> byTechnique,
            double[] xs,
            List<Optional<ConfidenceInterval>> intervals,
            Set<String> names) {
        int index = 0;
        for (var entry : byTechnique.entrySet()) {
            List<Integer> rows =
                    entry.getValue().stream().filter(i -> intervals.get(i).isPresent()).toList();
            Color colour = PALETTE.get(index++ % PALETTE.size());
            if (rows.isEmpty()) {
                continue;
            }
            double[] bx = rows.stream().mapToDouble(i -> xs[i]).toArray();
            double[] mid =
                    rows.stream()
                            .mapToDouble(i -> intervals.get(i).orElseThrow().midpoint())
                            .toArray();
            double[] half =
                    rows.stream()
                            .mapToDouble(i -> intervals.get(i).orElseThrow().halfWidth())
                            .toArray();
            XYSeries series =
                    chart.addSeries(unique(entry.getKey() + INTERVAL_SUFFIX, names), bx, mid, half);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(
                    new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
            series.setShowInLegend(false);
        }
    }

    private static void addTechniques(
            XYChart chart,
            Map<String, List<Integer>> byTechnique,
            double[] xs,
            double[] ys,
            Set<String> names) {
        int index = 0;
        for (var entry : byTechnique.entrySet()) {
            List<Integer> rows = entry.getValue();
            XYSeries series =
                    chart.addSeries(
                            unique(entry.getKey(), names),
                            rows.stream().mapToDouble(i -> xs[i]).toArray(),
                            rows.stream().mapToDouble(i -> ys[i]).toArray());
            series.setMarker(MARKERS.get(index % MARKERS.size()));
            series.setMarkerColor(PALETTE.get(index % PALETTE.size()));
            index++;
        }
    }

    /** The names of the trials on the plotted pair's frontier, left to right. */
    static PointLabels labels(
            List<TrialOutcome> plotted, double[] xs, double[] ys, Objective x, Objective y) {
        boolean[] front = Staircase.front(xs, ys, x, y);
        var labels = new ArrayList<PointLabels.Label>();
        var markers = new ArrayList<Point2D>();
        for (int i = 0; i < plotted.size(); i++) {
            markers.add(new Point2D.Double(xs[i], ys[i]));
            if (front[i]) {
                labels.add(
                        new PointLabels.Label(
                                PointLabels.shorten(plotted.get(i).name()), xs[i], ys[i]));
            }
        }
        labels.sort(
                Comparator.comparingDouble(PointLabels.Label::x)
                        .thenComparingDouble(PointLabels.Label::y));
        double[][] staircase = Staircase.of(xs, ys, x, y);
        var line = new ArrayList<Point2D>();
        for (int i = 0; i < staircase[0].length; i++) {
            line.add(new Point2D.Double(staircase[0][i], staircase[1][i]));
        }
        return new PointLabels(labels, markers, MARKER_SIZE / 2.0, line);
    }

    private static String unique(String name, Set<String> names) {
        String candidate = name;
        while (!names.add(candidate)) {
            candidate = candidate + " ";
        }
        return candidate;
    }

    private static double[] values(List<TrialOutcome> outcomes, Objective objective) {
        return outcomes.stream()
                .mapToDouble(o -> o.metric(objective.metric()).getAsDouble())
                .toArray();
    }

    private static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
