package dev.frontier.analysis.report;

import static dev.frontier.analysis.report.Html.escape;

import dev.frontier.analysis.ConfidenceInterval;
import dev.frontier.analysis.Direction;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.Units;
import dev.frontier.analysis.chart.AxisTitles;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.analysis.table.DisplayTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The report's interactive chart: one scatter of two objectives at a time (a menu switches the
 * pair), each trial's configuration and figures on hover, 95% confidence intervals as error bars,
 * the trials on the Pareto frontier ringed and named, and the frontier of the shown pair as a
 * dashed staircase. The data is inlined as JSON and drawn by the inlined {@link ChartLibrary} with
 * {@code explorer.js}, so the page loads nothing.
 *
 * <p>After each drawing the chart element carries {@code data-pair} (the shown pair's index) and
 * {@code data-frontier-points} (how many frontier trials were drawn), which the browser test reads.
 */
final class Explorer {

    /** Id of the element the chart is drawn in. */
    static final String CHART_ID = "explorer-chart";

    /** Id of the {@code <script type="application/json">} element holding the data. */
    static final String DATA_ID = "explorer-data";

    private static final List<String> FIGURES =
            List.of(
                    DisplayTable.ACCURACY,
                    DisplayTable.DELTA,
                    DisplayTable.SIZE,
                    DisplayTable.RATIO,
                    DisplayTable.LATENCY);

    private Explorer() {}

    /** Returns whether the analysis has something to explore: two objectives and a ranked trial. */
    static boolean applies(ParetoResult result) {
        return result.criteria().objectives().size() >= 2 && result.count(Standing.RANKED) > 0;
    }

    /**
     * Returns the pairs of objectives the menu offers, each as {x, y}: the quality metric ({@code
     * accuracy} when it is an objective, else the first) on y against every other objective, then
     * the remaining objectives against each other in their order (e.g. accuracy vs size, accuracy
     * vs latency, size vs latency).
     */
    static List<String[]> pairs(List<Objective> objectives) {
        var ordered = new ArrayList<String>();
        objectives.forEach(o -> ordered.add(o.metric()));
        String quality = ordered.contains("accuracy") ? "accuracy" : ordered.get(0);
        ordered.remove(quality);
        ordered.add(0, quality);
        var pairs = new ArrayList<String[]>();
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = i + 1; j < ordered.size(); j++) {
                pairs.add(new String[] {ordered.get(j), ordered.get(i)});
            }
        }
        return pairs;
    }

    /** Returns the title of a pair, e.g. "Accuracy vs size". */
    static String title(String x, String y) {
        return plainTitle(y) + " vs " + plainTitle(x).toLowerCase(Locale.ROOT);
    }

    private static String plainTitle(String metric) {
        return AxisTitles.of(metric).replaceAll(" \\(.*\\)$", "");
    }

    /**
     * Returns the explorer's HTML: the pair menu, the chart element, the data, the library and the
     * script.
     */
    static String html(ParetoResult result) {
        List<String[]> pairs = pairs(result.criteria().objectives());
        var html = new StringBuilder("<div class=\"explorer\">\n<div class=\"explorer-bar\">");
        html.append(
                "<label for=\"explorer-pair\">Objectives</label> <select id=\"explorer-pair\">");
        for (int i = 0; i < pairs.size(); i++) {
            html.append("<option value=\"")
                    .append(i)
                    .append("\">")
                    .append(escape(title(pairs.get(i)[0], pairs.get(i)[1])))
                    .append("</option>");
        }
        html.append("</select>\n<span class=\"hint\">Hover a point for its configuration and")
                .append(" figures. Ringed: on the Pareto frontier of all objectives; dashed: the")
                .append(
                        " frontier of the two shown; bars: 95% confidence intervals.</span></div>\n")
                .append("<div id=\"")
                .append(CHART_ID)
                .append("\" class=\"explorer-chart\" role=\"img\" aria-label=\"")
                .append(escape("Scatter chart of the trials, " + result.front().size()))
                .append(" on the Pareto frontier\"></div>\n")
                .append("<script type=\"application/json\" id=\"")
                .append(DATA_ID)
                .append("\">")
                .append(Json.write(data(result, pairs)))
                .append("</script>\n<script>\n")
                .append(ChartLibrary.script())
                .append("\n</script>\n<script>\n")
                .append(ChartLibrary.sibling("explorer.js"))
                .append("\n</script>\n</div>\n");
        return html.toString();
    }

    /** Returns the data the script draws from. */
    static Map<String, Object> data(ParetoResult result, List<String[]> pairs) {
        List<RankedTrial> shown =
                result.trials().stream()
                        .filter(
                                t ->
                                        t.standing() == Standing.RANKED
                                                || t.standing() == Standing.INFEASIBLE)
                        .toList();
        Table display = DisplayTable.results(result);
        var rowOf = new LinkedHashMap<String, Integer>();
        for (int row = 0; row < display.rowCount(); row++) {
            rowOf.put(display.stringColumn("trial_id").get(row), row);
        }
        String kneeId = result.knee().map(RankedTrial::trialId).orElse(null);

        var metrics = new LinkedHashMap<String, Object>();
        for (Objective o : result.criteria().objectives()) {
            metrics.put(o.metric(), metric(o, shown));
        }
        var techniques = new LinkedHashSet<String>();
        var trials = new ArrayList<Object>();
        for (RankedTrial t : shown) {
            TrialOutcome o = t.outcome();
            techniques.add(o.technique());
            var trial = new LinkedHashMap<String, Object>();
            trial.put("id", o.trialId());
            trial.put("name", o.name());
            trial.put("technique", o.technique());
            trial.put("ranked", t.standing() == Standing.RANKED);
            trial.put("frontier", t.onFrontier());
            trial.put("knee", t.trialId().equals(kneeId));
            trial.put("standing", standing(t, kneeId));
            var params = new ArrayList<Object>();
            o.params().forEach((k, v) -> params.add(List.of(k, v)));
            trial.put("params", params);
            var values = new LinkedHashMap<String, Object>();
            var intervals = new LinkedHashMap<String, Object>();
            for (Objective objective : result.criteria().objectives()) {
                String m = objective.metric();
                o.metric(m).ifPresent(v -> values.put(m, v));
                ConfidenceInterval.of(o, m)
                        .ifPresent(ci -> intervals.put(m, List.of(ci.low(), ci.high())));
            }
            trial.put("values", values);
            trial.put("ci", intervals);
            trial.put("figures", figures(o, display, rowOf.get(o.trialId()), result));
            trials.add(trial);
        }
        var pairList = new ArrayList<Object>();
        for (String[] p : pairs) {
            pairList.add(Map.of("x", p[0], "y", p[1], "title", title(p[0], p[1])));
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("pairs", pairList);
        data.put("metrics", metrics);
        data.put("techniques", List.copyOf(techniques));
        data.put("trials", trials);
        return data;
    }

    private static Map<String, Object> metric(Objective o, List<RankedTrial> shown) {
        String m = o.metric();
        var metric = new LinkedHashMap<String, Object>();
        metric.put("title", AxisTitles.of(m));
        metric.put("maximize", o.direction() == Direction.MAX);
        String unit =
                Units.isBytes(m)
                        ? "bytes"
                        : Units.isFraction(m) ? "fraction" : Units.isMillis(m) ? "ms" : "plain";
        metric.put("unit", unit);
        metric.put("bytesPerUnit", Units.isBytes(m) ? Units.bytesPerUnit(m) : 1.0);
        boolean sizeLike = m.startsWith("size") || m.endsWith("bytes") || m.startsWith("params");
        boolean positive =
                shown.stream()
                        .map(t -> t.outcome().metric(m))
                        .allMatch(v -> v.isEmpty() || v.getAsDouble() > 0);
        metric.put("log", sizeLike && positive);
        return metric;
    }

    private static String standing(RankedTrial t, String kneeId) {
        if (t.standing() == Standing.RANKED) {
            if (t.onFrontier()) {
                return t.trialId().equals(kneeId)
                        ? "on the Pareto frontier, knee point"
                        : "on the Pareto frontier";
            }
            return "front " + t.rank() + " (dominated)";
        }
        return t.standing().name().toLowerCase(Locale.ROOT)
                + (t.note().isEmpty() ? "" : ": " + t.note());
    }

    /**
     * The display table's figures of one trial, the size with its exact bytes, then objectives the
     * table does not show.
     */
    private static List<Object> figures(
            TrialOutcome o, Table display, Integer row, ParetoResult result) {
        var figures = new ArrayList<Object>();
        for (String column : FIGURES) {
            if (row == null || !display.containsColumn(column)) {
                continue;
            }
            String text = display.stringColumn(column).get(row);
            if (text == null || text.isEmpty()) {
                continue;
            }
            if (column.equals(DisplayTable.SIZE) && o.metric("size_bytes").isPresent()) {
                text +=
                        String.format(
                                Locale.ROOT,
                                " (%,d bytes)",
                                Math.round(o.metric("size_bytes").getAsDouble()));
            }
            figures.add(List.of(column, text));
        }
        for (Objective objective : result.criteria().objectives()) {
            String m = objective.metric();
            boolean shownAbove =
                    m.equals("accuracy")
                            || (m.startsWith("size") && Units.isBytes(m))
                            || (m.startsWith("latency") && Units.isMillis(m))
                            || m.equals("compression_ratio");
            if (!shownAbove && o.metric(m).isPresent()) {
                figures.add(List.of(m, Units.of(m, o.metric(m).getAsDouble())));
            }
        }
        return figures;
    }
}
