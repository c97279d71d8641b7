package dev.frontier.notebook;

import dev.frontier.compress.sensitivity.SensitivityTable;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-layer sensitivity as charts and a table: one line per layer of validation accuracy against
 * the pruning ratio (or the weight bit-width) applied to that layer alone, with the unchanged
 * model's accuracy as a dashed reference.
 */
public final class SensitivityCharts {

    private SensitivityCharts() {}

    /**
     * Returns accuracy vs pruning ratio, one line per layer.
     *
     * @param table the measurements
     * @return the chart
     */
    public static XYChart pruning(SensitivityTable table) {
        return chart(
                table,
                SensitivityTable.Probe.PRUNE,
                "Per-layer pruning sensitivity",
                "pruning ratio of the layer");
    }

    /**
     * Returns accuracy vs weight bit-width, one line per layer (higher bit-widths to the right).
     *
     * @param table the measurements
     * @return the chart
     */
    public static XYChart bits(SensitivityTable table) {
        return chart(
                table,
                SensitivityTable.Probe.BITS,
                "Per-layer bit-width sensitivity",
                "weight bits of the layer");
    }

    /**
     * Returns the measurements as a Tablesaw table: layer, probe, setting, accuracy, drop (points).
     *
     * @param table the measurements
     * @return the table
     */
    public static Table table(SensitivityTable table) {
        List<SensitivityTable.Row> rows = table.rows();
        return Table.create(
                "per-layer sensitivity",
                StringColumn.create("layer", rows.stream().map(SensitivityTable.Row::layer)),
                StringColumn.create(
                        "probe",
                        rows.stream()
                                .map(r -> r.probe().name().toLowerCase(java.util.Locale.ROOT))),
                StringColumn.create(
                        "setting", rows.stream().map(SensitivityTable.Row::settingLabel)),
                DoubleColumn.create(
                        "accuracy", rows.stream().mapToDouble(SensitivityTable.Row::accuracy)),
                DoubleColumn.create("drop_points", rows.stream().mapToDouble(r -> 100 * r.drop())));
    }

    private static XYChart chart(
            SensitivityTable table, SensitivityTable.Probe probe, String title, String xTitle) {
        XYChart chart =
                new XYChartBuilder()
                        .width(820)
                        .height(480)
                        .title(title)
                        .xAxisTitle(xTitle)
                        .yAxisTitle("validation accuracy")
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setYAxisDecimalPattern("0.###");
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        for (String layer : table.layers()) {
            var rows =
                    table.rows().stream()
                            .filter(r -> r.layer().equals(layer) && r.probe() == probe)
                            .sorted((a, b) -> Double.compare(a.setting(), b.setting()))
                            .toList();
            if (rows.isEmpty()) {
                continue;
            }
            double[] xs = rows.stream().mapToDouble(SensitivityTable.Row::setting).toArray();
            chart.addSeries(
                    layer, xs, rows.stream().mapToDouble(SensitivityTable.Row::accuracy).toArray());
            minX = Math.min(minX, xs[0]);
            maxX = Math.max(maxX, xs[xs.length - 1]);
        }
        if (minX > maxX) {
            throw new IllegalArgumentException(
                    "no "
                            + probe.name().toLowerCase(java.util.Locale.ROOT)
                            + " measurements in this sensitivity table; run the analysis with "
                            + (probe == SensitivityTable.Probe.PRUNE
                                    ? "pruning ratios"
                                    : "bit-widths"));
        }
        XYSeries base =
                chart.addSeries(
                        "unchanged model",
                        new double[] {minX, maxX},
                        new double[] {table.baseline(), table.baseline()});
        base.setMarker(SeriesMarkers.NONE);
        base.setLineColor(Color.GRAY);
        base.setLineStyle(
                new java.awt.BasicStroke(
                        1.2f,
                        java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER,
                        10f,
                        new float[] {6f, 4f},
                        0f));
        return chart;
    }
}
