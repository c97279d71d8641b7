package dev.frontier.analysis.chart;

import dev.frontier.analysis.Units;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Sets up the axes of an XY chart so a person can read them: titles with units, sizes in KB/MB,
 * fractions such as accuracy in %, and a logarithmic axis with a few round, labelled ticks.
 *
 * <p>XChart labels a log axis at every 1..9 × 10ⁿ in one number format ({@code 2E4 … 8E49E41E5}),
 * and with a custom label function it places ticks as on a linear axis. So on a log x axis XChart's
 * own labels and vertical grid lines are hidden, and the ticks of {@link LogTicks} are drawn
 * instead: the grid lines as a series that is not in the legend ({@link #GRID_SERIES}, painted
 * under the data) and the labels by an annotation. Axis ranges are set from the data with some
 * padding.
 */
public final class ChartAxes {

    /** Name of the hidden series drawing the vertical grid lines of a log x axis. */
    public static final String GRID_SERIES = "log axis grid";

    /** Most x tick labels drawn side by side. */
    static final int MAX_LOG_TICKS = 8;

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private ChartAxes() {}

    /**
     * The chosen x and y ranges and the labelled ticks of a log x axis.
     *
     * @param xMin the x axis minimum, in the metric's units
     * @param xMax the x axis maximum
     * @param yMin the y axis minimum
     * @param yMax the y axis maximum
     * @param xTicks the labelled x ticks of a log axis, in the metric's units (empty on a linear
     *     axis)
     * @param xLabels their labels
     */
    public record Layout(
            double xMin,
            double xMax,
            double yMin,
            double yMax,
            List<Double> xTicks,
            List<String> xLabels) {

        /** Freezes the lists. */
        public Layout {
            xTicks = List.copyOf(xTicks);
            xLabels = List.copyOf(xLabels);
        }
    }

    /**
     * Sets titles, ranges and tick labels of {@code chart} for the given metrics. Call it before
     * adding the data series, so the grid of a log axis is painted under them.
     *
     * @param chart the chart, with no series yet
     * @param xMetric the horizontal metric (its name gives the unit, see {@link Units})
     * @param yMetric the vertical metric
     * @param logX whether the x axis is logarithmic (every x must then be positive)
     * @param xs every x value that will be plotted
     * @param ys every y value that will be plotted, error bar ends included
     * @return the ranges and ticks chosen
     * @throws IllegalArgumentException if there are no values, or a log axis gets a value that is
     *     not positive
     */
    public static Layout apply(
            XYChart chart, String xMetric, String yMetric, boolean logX, double[] xs, double[] ys) {
        double[] xRange = logX ? logRange(xs, xMetric) : linearRange(xs, 0.05, 0.05, xMetric);
        double[] yRange = linearRange(ys, 0.06, 0.12, yMetric);
        if (Units.isFraction(yMetric)) {
            double[] finite = Arrays.stream(ys).filter(Double::isFinite).toArray();
            if (Arrays.stream(finite).allMatch(v -> v >= 0 && v <= 1)) {
                yRange[0] = Math.max(yRange[0], 0);
                yRange[1] = Math.min(yRange[1], 1);
            }
        }
        var styler = chart.getStyler();
        styler.setPlotContentSize(1.0);
        styler.setXAxisMin(xRange[0]);
        styler.setXAxisMax(xRange[1]);
        styler.setYAxisMin(yRange[0]);
        styler.setYAxisMax(yRange[1]);
        chart.setXAxisTitle(AxisTitles.of(xMetric) + (logX ? ", log scale" : ""));
        chart.setYAxisTitle(AxisTitles.of(yMetric));
        formatY(chart, yMetric, yRange);
        if (!logX) {
            styler.setXAxisLogarithmic(false);
            if (Units.isBytes(xMetric)) {
                double unit = Units.bytesPerUnit(xMetric);
                chart.setCustomXAxisTickLabelsFormatter(v -> Units.bytes(v * unit));
            } else {
                styler.setXAxisDecimalPattern("0.###");
            }
            return new Layout(xRange[0], xRange[1], yRange[0], yRange[1], List.of(), List.of());
        }
        styler.setXAxisLogarithmic(true);
        styler.setXAxisLogarithmicDecadeOnly(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setXAxisTickLabelsColor(TRANSPARENT);
        styler.setXAxisTickMarksColor(TRANSPARENT);
        boolean bytes = Units.isBytes(xMetric);
        double unit = bytes ? Units.bytesPerUnit(xMetric) : 1;
        var ticks = new ArrayList<Double>();
        var labels = new ArrayList<String>();
        for (double tick :
                LogTicks.choose(xRange[0] * unit, xRange[1] * unit, bytes, MAX_LOG_TICKS)) {
            ticks.add(tick / unit);
            labels.add(LogTicks.label(tick, bytes));
        }
        addGrid(chart, ticks, yRange);
        chart.addAnnotation(new TickLabels(ticks, labels));
        return new Layout(xRange[0], xRange[1], yRange[0], yRange[1], ticks, labels);
    }

    private static void formatY(XYChart chart, String yMetric, double[] yRange) {
        if (Units.isFraction(yMetric)) {
            int decimals = percentDecimals(yRange[1] - yRange[0]);
            chart.setCustomYAxisTickLabelsFormatter(v -> Units.percent(v, decimals));
        } else if (Units.isBytes(yMetric)) {
            double unit = Units.bytesPerUnit(yMetric);
            chart.setCustomYAxisTickLabelsFormatter(v -> Units.bytes(v * unit));
        } else {
            chart.getStyler().setYAxisDecimalPattern("0.###");
        }
    }

    /**
     * The fewest decimals that still give a fraction axis of this span three distinct percentage
     * labels. Too few for the step XChart picks makes labels repeat, and XChart then widens the
     * step until they do not; so the labels never carry needless zeros ("88.0%").
     */
    static int percentDecimals(double span) {
        int decimals = 0;
        while (decimals < 3 && 100 * span * Math.pow(10, decimals) < 3) {
            decimals++;
        }
        return decimals;
    }

    private static void addGrid(XYChart chart, List<Double> ticks, double[] yRange) {
        if (ticks.isEmpty()) {
            return;
        }
        double[] gx = new double[ticks.size() * 3];
        double[] gy = new double[ticks.size() * 3];
        for (int i = 0; i < ticks.size(); i++) {
            gx[3 * i] = ticks.get(i);
            gx[3 * i + 1] = ticks.get(i);
            gx[3 * i + 2] = ticks.get(i);
            gy[3 * i] = yRange[0];
            gy[3 * i + 1] = yRange[1];
            gy[3 * i + 2] = Double.NaN; // breaks the line between grid lines
        }
        XYSeries grid = chart.addSeries(GRID_SERIES, gx, gy);
        grid.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        grid.setMarker(SeriesMarkers.NONE);
        grid.setLineColor(chart.getStyler().getPlotGridLinesColor());
        grid.setLineStyle(chart.getStyler().getPlotGridLinesStroke());
        grid.setShowInLegend(false);
    }

    private static double[] logRange(double[] values, String metric) {
        double[] finite = finite(values, metric);
        for (double v : finite) {
            if (v <= 0) {
                throw new IllegalArgumentException(
                        "log axis needs positive '" + metric + "' values, got " + v);
            }
        }
        double min = Arrays.stream(finite).min().getAsDouble();
        double max = Arrays.stream(finite).max().getAsDouble();
        double decades = Math.log10(max / min);
        double pad = Math.max(0.05 * decades, 0.04);
        return new double[] {min / Math.pow(10, pad), max * Math.pow(10, pad)};
    }

    private static double[] linearRange(
            double[] values, double padBelow, double padAbove, String metric) {
        double[] finite = finite(values, metric);
        double min = Arrays.stream(finite).min().getAsDouble();
        double max = Arrays.stream(finite).max().getAsDouble();
        double span = max - min;
        if (span == 0) {
            span = max == 0 ? 1 : Math.abs(max) * 0.1;
        }
        return new double[] {min - padBelow * span, max + padAbove * span};
    }

    private static double[] finite(double[] values, String metric) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            throw new IllegalArgumentException("no finite '" + metric + "' value to chart");
        }
        return finite;
    }
}
