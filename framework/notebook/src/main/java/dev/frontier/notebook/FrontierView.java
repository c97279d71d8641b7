package dev.frontier.notebook;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.Units;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.analysis.table.DisplayTable;
import dev.frontier.analysis.table.ResultsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * The frontier of a sweep as a notebook shows it: a markdown summary (how many trials, which are on
 * the frontier, the knee, the hypervolume), every trial in one table with the frontier rows marked,
 * and the accuracy–size and accuracy–latency charts (a chart is left out when no trial reports its
 * metrics). Table and charts come from the analysis module, as in the HTML report: the table has
 * the report's columns and order ({@link DisplayTable}) without the raw parameter and metric
 * columns, and the charts are {@link FrontierChart}s.
 */
public final class FrontierView {

    /** Metric of the vertical axis. */
    public static final String ACCURACY = "accuracy";

    /** Metric of the size chart's horizontal axis (bytes of the compressed file). */
    public static final String SIZE = "size_bytes";

    /** Metric of the latency chart's horizontal axis. */
    public static final String LATENCY = "latency_p50_ms";

    private FrontierView() {}

    /**
     * Returns the summary, the table and the charts, in that order.
     *
     * @param result the Pareto analysis
     * @param title a title for the summary and charts, e.g. the sweep's name
     * @return the bundles to show
     */
    public static List<MimeBundle> of(ParetoResult result, String title) {
        List<MimeBundle> out = new ArrayList<>();
        out.add(summary(result, title));
        out.add(TableView.of(table(result), TableView.DEFAULT_MAX_ROWS));
        chart(result, SIZE, true, title + ": accuracy vs size").ifPresent(out::add);
        chart(result, LATENCY, false, title + ": accuracy vs latency").ifPresent(out::add);
        return out;
    }

    /**
     * Returns every trial with the report's leading columns (name, technique, accuracy ± CI, Δ vs
     * baseline, size, ratio, latency, kernel, those present) and its bookkeeping columns; the raw
     * {@code params.*} and {@code metrics.*} columns are in {@code DisplayTable.results(result)}.
     *
     * @param result the analysis
     * @return the table, frontier rows first
     */
    public static Table table(ParetoResult result) {
        Table all = DisplayTable.results(result);
        String[] keep =
                all.columnNames().stream()
                        .filter(
                                c ->
                                        !c.startsWith(ResultsTable.PARAM_PREFIX)
                                                && !c.startsWith(ResultsTable.METRIC_PREFIX))
                        .toArray(String[]::new);
        Table t = all.selectColumns(keep);
        t.setName("trials (frontier rows highlighted)");
        return t.sortDescendingOn("on_frontier");
    }

    /**
     * Returns a markdown summary of the analysis.
     *
     * @param result the analysis
     * @param title the heading
     * @return the bundle (markdown, with the same text as plain text)
     */
    public static MimeBundle summary(ParetoResult result, String title) {
        var md = new StringBuilder("### ").append(title).append("\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "- %d trials: %d ranked, %d infeasible (constraints), %d failed or incomplete%n",
                        result.trials().size(),
                        result.count(Standing.RANKED),
                        result.count(Standing.INFEASIBLE),
                        result.trials().size()
                                - result.count(Standing.RANKED)
                                - result.count(Standing.INFEASIBLE)));
        md.append("- objectives: ").append(result.criteria().objectives()).append('\n');
        md.append("- on the frontier: ");
        md.append(
                String.join(
                        ", ",
                        result.front().stream().map(t -> "`" + t.outcome().name() + "`").toList()));
        md.append('\n');
        result.knee()
                .ifPresent(
                        k ->
                                md.append("- knee (best trade-off): `")
                                        .append(k.outcome().name())
                                        .append("` — ")
                                        .append(metrics(k.outcome()))
                                        .append('\n'));
        md.append(
                String.format(
                        Locale.ROOT, "- hypervolume ratio %.3f%n", result.hypervolumeRatio()));
        return Markdown.of(md.toString());
    }

    private static String metrics(TrialOutcome o) {
        List<String> parts = new ArrayList<>();
        o.metric(ACCURACY).ifPresent(v -> parts.add("accuracy " + Units.percent(v, 2)));
        o.metric(SIZE).ifPresent(v -> parts.add("size " + Units.bytes(v)));
        o.metric(LATENCY).ifPresent(v -> parts.add("latency " + Units.millis(v)));
        return String.join(", ", parts);
    }

    private static java.util.Optional<MimeBundle> chart(
            ParetoResult result, String xMetric, boolean logX, String title) {
        List<TrialOutcome> ranked =
                result.trials().stream()
                        .filter(t -> t.standing() == Standing.RANKED)
                        .map(RankedTrial::outcome)
                        .toList();
        boolean plottable =
                ranked.stream()
                        .anyMatch(
                                o ->
                                        o.metric(xMetric).isPresent()
                                                && o.metric(ACCURACY).isPresent());
        if (!plottable) {
            return java.util.Optional.empty();
        }
        Objective x = result.criteria().objective(xMetric).orElse(Objective.minimize(xMetric));
        Objective y = result.criteria().objective(ACCURACY).orElse(Objective.maximize(ACCURACY));
        return java.util.Optional.of(ChartView.png(FrontierChart.of(ranked, x, y, logX, title)));
    }
}
