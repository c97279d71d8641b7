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

/** The replay plot: median hypervolume share against trials spent, one line per strategy. */
public final class ReplayChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private ReplayChart() {}

    /**
     * The chart of {@code curves} (per strategy, per seed, the share after each trial).
     *
     * @param gridSize trials of the full grid (the x axis ends there)
     * @param title chart title
     */
    public static XYChart chart(Map<String, double[][]> curves, int gridSize, String title) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("trials spent (of " + gridSize + " in the grid)")
                        .yAxisTitle("hypervolume, % of the full grid's (median over seeds)")
                        .build();
        var styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax((double) gridSize);
        styler.setAntiAlias(true);
        styler.setMarkerSize(4);
        for (var e : curves.entrySet()) {
            double[][] perSeed = e.getValue();
            int length = 0;
            for (double[] c : perSeed) {
                length = Math.max(length, c.length);
            }
            double[] x = new double[length];
            double[] y = new double[length];
            for (int k = 1; k <= length; k++) {
                x[k - 1] = k;
                y[k - 1] = 100 * Replay.spread(perSeed, k).median();
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(2f));
        }
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
