package dev.frontier.search;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Hypervolume against trials spent: the replay plot (per strategy, the median share over seeds as a
 * line and the min–max over seeds as a band) and a searched sweep's own curve.
 */
public final class ReplayChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    /** Line colours, one per strategy in order; bands use the same colour, translucent. */
    private static final Color[] COLORS = {
        new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0x9467BD)
    };

    private ReplayChart() {}

    /**
     * The chart of {@code curves} (per strategy, per seed, the share after each trial).
     *
     * @param gridSize trials of the full grid (the x axis ends there)
     * @param title chart title
     */
    public static XYChart chart(Map<String, double[][]> curves, int gridSize, String title) {
        XYChart chart =
                percentChart(
                        curves,
                        gridSize,
                        title,
                        "trials spent (of " + gridSize + " in the grid)",
                        "hypervolume, % of the full grid's (median, band: min-max over seeds)");
        chart.getStyler().setMarkerSize(4);
        XYSeries target =
                chart.addSeries("95% target", new double[] {0, gridSize}, new double[] {95, 95});
        target.setMarker(SeriesMarkers.NONE);
        target.setLineColor(Color.GRAY);
        target.setLineStyle(
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {6f, 4f},
                        0f));
        double quarter = Math.round(0.25 * gridSize);
        XYSeries budget =
                chart.addSeries(
                        "25% of the trials",
                        new double[] {quarter, quarter}, new double[] {0, 100});
        budget.setMarker(SeriesMarkers.NONE);
        budget.setLineColor(new Color(0x888888));
        budget.setLineStyle(
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {2f, 3f},
                        0f));
        return chart;
    }

    /**
     * Curves of several strategies over the same trials, each the median over its seeds with a
     * min–max band, without the replay's target lines: e.g. live searches' hypervolume as a share
     * of a common reference.
     *
     * @param curves per strategy, per seed, the value (a share in [0, 1]) after each trial
     * @param trials the x axis ends there
     * @param title chart title
     * @param yTitle what the share is of
     */
    public static XYChart compare(
            Map<String, double[][]> curves, int trials, String title, String yTitle) {
        return percentChart(curves, trials, title, "trials spent", yTitle);
    }

    /** A white 0-100% chart over {@code trials} with the strategies' curves. */
    private static XYChart percentChart(
            Map<String, double[][]> curves,
            int trials,
            String title,
            String xTitle,
            String yTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle(yTitle)
                        .build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) trials);
        styler.setAntiAlias(true);
        addCurves(chart, curves);
        return chart;
    }

    /** Per strategy: the median over seeds as a line and the min–max as a translucent band. */
    private static void addCurves(XYChart chart, Map<String, double[][]> curves) {
        int index = 0;
        for (var e : curves.entrySet()) {
            Color color = COLORS[index++ % COLORS.length];
            double[][] perSeed = e.getValue();
            int length = 0;
            for (double[] c : perSeed) {
                length = Math.max(length, c.length);
            }
            double[] x = new double[length];
            double[] y = new double[length];
            // the band: along the max forwards, back along the min (a closed polygon)
            double[] bx = new double[2 * length];
            double[] by = new double[2 * length];
            for (int k = 1; k <= length; k++) {
                Replay.Spread spread = Replay.spread(perSeed, k);
                x[k - 1] = k;
                y[k - 1] = 100 * spread.median();
                bx[k - 1] = k;
                by[k - 1] = 100 * spread.max();
                bx[2 * length - k] = k;
                by[2 * length - k] = 100 * spread.min();
            }
            if (perSeed.length > 1 && length > 0) {
                XYSeries band = chart.addSeries(e.getKey() + " min-max", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 45));
                band.setLineColor(new Color(0, 0, 0, 0));
                band.setShowInLegend(false);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color);
            s.setLineStyle(new BasicStroke(2f));
        }
    }

    /**
     * A searched sweep's own curve: the hypervolume of the trials measured so far after each trial
     * it spent (stopped and failed trials add nothing), as a share of the final one.
     *
     * @param hypervolume after each trial, in the order they were proposed
     * @param planned trials in the sweep's grid
     * @param title chart title
     */
    public static XYChart sweepChart(double[] hypervolume, int planned, String title) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle(
                                "trials spent ("
                                        + hypervolume.length
                                        + " of "
                                        + planned
                                        + " planned)")
                        .yAxisTitle("hypervolume (accuracy x bytes), % of the sweep's final")
                        .build();
        var styler = chart.getStyler();
        styler.setLegendVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) Math.max(1, hypervolume.length));
        styler.setAntiAlias(true);
        styler.setMarkerSize(6);
        double last = hypervolume.length == 0 ? 0 : hypervolume[hypervolume.length - 1];
        double[] x = new double[hypervolume.length];
        double[] y = new double[hypervolume.length];
        for (int i = 0; i < hypervolume.length; i++) {
            x[i] = i + 1;
            y[i] = last > 0 ? 100 * hypervolume[i] / last : 0;
        }
        XYSeries s =
                chart.addSeries(
                        "hypervolume",
                        x.length == 0 ? new double[] {0} : x,
                        y.length == 0 ? new double[] {0} : y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(COLORS[0]);
        s.setMarkerColor(COLORS[0]);
        s.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    /** Writes the chart as a PNG to {@code png} (folders created). */
    public static Path writePng(XYChart chart, Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (var out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        return png;
    }
}
