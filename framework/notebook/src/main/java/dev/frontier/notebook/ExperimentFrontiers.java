package dev.frontier.notebook;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.chart.ChartAxes;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.RankedTrial;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Compares sweeps read back from MLflow: turns a runs table (the columns of {@code
 * RunsTable}/{@code mlflow.search_runs}) into trial outcomes, and draws the frontiers of several
 * experiments on one chart — each experiment's trials as points and its two-metric frontier as a
 * staircase in the same colour. Axes are those of the sweep report ({@link ChartAxes}: sizes in
 * KB/MB, accuracy in %, round ticks on a log axis).
 */
public final class ExperimentFrontiers {

    private static final List<Color> PALETTE =
            List.of(
                    new Color(0x0072B2),
                    new Color(0xD55E00),
                    new Color(0x009E73),
                    new Color(0xCC79A7),
                    new Color(0xE69F00),
                    new Color(0x56B4E9));

    private ExperimentFrontiers() {}

    /**
     * Returns one outcome per finished run of a runs table: params from {@code params.*}, metrics
     * from {@code metrics.*} (missing values left out), technique from {@code tags.technique}, id
     * from {@code tags.frontier.trial_id} (else the run id). Runs not FINISHED are left out.
     *
     * @param runs a runs table
     * @return the outcomes, in row order
     */
    public static List<TrialOutcome> outcomes(Table runs) {
        List<TrialOutcome> out = new ArrayList<>();
        for (int row = 0; row < runs.rowCount(); row++) {
            if (!"FINISHED".equals(cell(runs, "status", row))) {
                continue;
            }
            var params = new LinkedHashMap<String, String>();
            var metrics = new LinkedHashMap<String, Double>();
            for (Column<?> c : runs.columns()) {
                if (c.isMissing(row)) {
                    continue;
                }
                if (c.name().startsWith("params.") && !c.getString(row).isEmpty()) {
                    params.put(c.name().substring("params.".length()), c.getString(row));
                } else if (c.name().startsWith("metrics.")) {
                    double v = ((Number) c.get(row)).doubleValue();
                    if (!Double.isNaN(v)) {
                        metrics.put(c.name().substring("metrics.".length()), v);
                    }
                }
            }
            String id = cell(runs, "tags.frontier.trial_id", row);
            String technique = cell(runs, "tags.technique", row);
            out.add(
                    TrialOutcome.ok(
                            id.isEmpty() ? cell(runs, "run_id", row) : id,
                            cell(runs, "run_name", row),
                            technique.isEmpty() ? "trial" : technique,
                            params,
                            metrics));
        }
        return out;
    }

    /**
     * Returns the rows of the most recent sweep in a runs table (the child runs of the last parent
     * run; {@code RunsTable.trials} lists runs oldest first), so reruns with other settings do not
     * mix.
     *
     * @param runs a runs table with a {@code parent_run_id} column
     * @return the rows of the latest sweep (the table itself when it is empty)
     */
    public static Table latestSweep(Table runs) {
        if (runs.rowCount() == 0) {
            return runs;
        }
        var parents = runs.stringColumn("parent_run_id");
        return runs.where(parents.isEqualTo(parents.get(runs.rowCount() - 1)));
    }

    /**
     * Returns a chart with every experiment's trials and frontier.
     *
     * @param byExperiment experiment name to its outcomes, in legend order
     * @param x the horizontal metric and direction, e.g. {@code Objective.minimize("size_bytes")}
     * @param y the vertical metric and direction, e.g. {@code Objective.maximize("accuracy")}
     * @param logX whether the horizontal axis is logarithmic
     * @param title the chart title
     * @return the chart
     * @throws IllegalArgumentException if no experiment has a trial reporting both metrics
     */
    public static XYChart chart(
            Map<String, List<TrialOutcome>> byExperiment,
            Objective x,
            Objective y,
            boolean logX,
            String title) {
        var plottedByExperiment = new LinkedHashMap<String, List<TrialOutcome>>();
        byExperiment.forEach(
                (name, outcomes) -> {
                    List<TrialOutcome> plotted =
                            outcomes.stream()
                                    .filter(
                                            o ->
                                                    o.metric(x.metric()).isPresent()
                                                            && o.metric(y.metric()).isPresent())
                                    .toList();
                    if (!plotted.isEmpty()) {
                        plottedByExperiment.put(name, plotted);
                    }
                });
        if (plottedByExperiment.isEmpty()) {
            throw new IllegalArgumentException(
                    "no experiment has a finished trial reporting both '"
                            + x.metric()
                            + "' and '"
                            + y.metric()
                            + "'; experiments: "
                            + byExperiment.keySet());
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        chart.getStyler().setMarkerSize(8);
        List<TrialOutcome> all =
                plottedByExperiment.values().stream().flatMap(List::stream).toList();
        ChartAxes.apply(chart, x.metric(), y.metric(), logX, values(all, x), values(all, y));
        int index = 0;
        for (var entry : plottedByExperiment.entrySet()) {
            List<TrialOutcome> plotted = entry.getValue();
            Color color = PALETTE.get(index++ % PALETTE.size());
            XYSeries points =
                    chart.addSeries(entry.getKey(), values(plotted, x), values(plotted, y));
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
            List<TrialOutcome> front =
                    ParetoAnalysis.analyze(plotted, ParetoCriteria.of(x, y)).front().stream()
                            .map(RankedTrial::outcome)
                            .toList();
            double[][] stairs = staircase(front, x, y);
            XYSeries line = chart.addSeries(entry.getKey() + " frontier", stairs[0], stairs[1]);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(1.8f));
        }
        return chart;
    }

    /**
     * Frontier points sorted by x (best first along x), joined by horizontal-then-vertical steps.
     */
    static double[][] staircase(List<TrialOutcome> front, Objective x, Objective y) {
        List<TrialOutcome> sorted = new ArrayList<>(front);
        sorted.sort(
                (a, b) ->
                        Double.compare(
                                a.metric(x.metric()).getAsDouble(),
                                b.metric(x.metric()).getAsDouble()));
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            double px = sorted.get(i).metric(x.metric()).getAsDouble();
            double py = sorted.get(i).metric(y.metric()).getAsDouble();
            if (i > 0) {
                pts.add(new double[] {px, pts.get(pts.size() - 1)[1]});
            }
            pts.add(new double[] {px, py});
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    private static double[] values(List<TrialOutcome> outcomes, Objective o) {
        return outcomes.stream().mapToDouble(t -> t.metric(o.metric()).getAsDouble()).toArray();
    }

    private static String cell(Table t, String column, int row) {
        if (!t.containsColumn(column) || t.column(column).isMissing(row)) {
            return "";
        }
        return t.column(column).getString(row);
    }
}
