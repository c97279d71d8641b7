package dev.frontier.analysis.report;

import static dev.frontier.analysis.report.Html.escape;

import dev.frontier.analysis.AtomicFiles;
import dev.frontier.analysis.MetricNames;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.Units;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.analysis.table.DisplayTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * A self-contained, single-file HTML report of a sweep: summary (trial counts, failures,
 * hypervolume, knee point), an interactive chart (switch the objective pair, hover a point for its
 * configuration and figures; the charting library and the data are inlined, see {@link Explorer})
 * with the static charts as base64 PNG beside it, the frontier table, the trials left out and why,
 * and the table of all trials. Tables are {@link DisplayTable}s: name, technique, accuracy ± CI, Δ
 * vs baseline, size, ratio, latency and kernel first, bookkeeping after. It loads nothing from
 * outside the file.
 */
public final class HtmlReport {

    private static final String STYLE =
            String.join(
                    "\n",
                    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1200px;"
                            + "padding:0 1rem;color:#222}",
                    "h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}",
                    ".criteria{color:#555;margin-top:0}",
                    "dl.summary{display:grid;grid-template-columns:max-content auto;gap:.3rem 1.2rem}",
                    "dl.summary dt{font-weight:600}dl.summary dd{margin:0}",
                    "figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}",
                    ".scroll{overflow-x:auto}",
                    "table{border-collapse:collapse;font-size:.85rem}",
                    "th,td{border:1px solid #ddd;padding:.25rem .5rem;white-space:nowrap}",
                    "th{background:#f4f4f4;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums}",
                    "td:first-child{position:sticky;left:0;background:#fff}th:first-child{position:sticky;left:0;z-index:1}",
                    "tr.front td{background:#eaf4ea}tr.excluded td{color:#888}",
                    ".failed{color:#b00020}",
                    ".warnings{background:#fff4e5;border-left:4px solid #e08a00;padding:.6rem 1rem;margin:1rem 0}"
                            + ".warnings ul{margin:.3rem 0 0 0}",
                    ".explorer-bar{display:flex;flex-wrap:wrap;align-items:baseline;gap:.3rem .8rem;margin:.6rem 0}",
                    ".explorer-bar label{font-weight:600}.explorer-bar select{font:inherit;padding:.15rem .3rem}",
                    ".explorer-bar .hint{color:#666;font-size:.85rem}",
                    ".explorer-chart{width:100%;height:580px;border:1px solid #e4e4e4;border-radius:4px}",
                    ".tip table{border-collapse:collapse;margin-top:.3rem;font-size:12px}",
                    ".tip th{background:none;text-align:left;padding:.35rem 0 .1rem;border:0;color:#555;position:static}",
                    ".tip td{border:0;padding:.05rem .8rem .05rem 0;position:static;background:none}",
                    ".tip td.tip-num{text-align:right;font-variant-numeric:tabular-nums}",
                    ".tip-tech{color:#555;font-size:11px;border:1px solid #ccc;border-radius:3px;padding:0 .3rem}",
                    ".tip-dim{color:#777;font-size:11px}",
                    "details.static-charts{margin:.8rem 0}details.static-charts summary{cursor:pointer;color:#555}");

    private HtmlReport() {}

    /**
     * Returns the report as an HTML document.
     *
     * @param title the report title, e.g. the experiment name
     * @param result the Pareto analysis of the sweep
     * @param charts the charts to embed, in order (may be empty)
     * @return the HTML text
     * @throws IOException if a chart cannot be rendered
     */
    public static String render(String title, ParetoResult result, List<XYChart> charts)
            throws IOException {
        return render(title, result, charts, List.of());
    }

    /**
     * Returns the report as an HTML document, with {@code warnings} in a box above the summary.
     *
     * @param title the report title, e.g. the experiment name
     * @param result the Pareto analysis of the sweep
     * @param charts the charts to embed, in order (may be empty)
     * @param warnings what a reader must know before trusting the table, one line each (may be
     *     empty)
     * @return the HTML text
     * @throws IOException if a chart cannot be rendered
     */
    public static String render(
            String title, ParetoResult result, List<XYChart> charts, List<String> warnings)
            throws IOException {
        var html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("\n</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n")
                .append("<p class=\"criteria\">")
                .append(escape(criteriaLine(result)))
                .append("</p>\n");
        if (!warnings.isEmpty()) {
            html.append("<div class=\"warnings\"><strong>Warnings</strong>\n<ul>\n");
            for (String w : warnings) {
                html.append("<li>").append(escape(w)).append("</li>\n");
            }
            html.append("</ul></div>\n");
        }
        html.append("<h2>Summary</h2>\n").append(summary(result));
        boolean explorer = Explorer.applies(result);
        if (explorer || !charts.isEmpty()) {
            html.append("<h2>Charts</h2>\n");
        }
        if (explorer) {
            html.append(Explorer.html(result));
        }
        if (!charts.isEmpty()) {
            if (explorer) {
                html.append("<details class=\"static-charts\"><summary>The same as pictures (")
                        .append(charts.size() == 1 ? "one PNG" : charts.size() + " PNGs")
                        .append(", also saved beside this report)</summary>\n");
            }
            for (XYChart chart : charts) {
                html.append("<figure><img alt=\"")
                        .append(escape(chart.getTitle()))
                        .append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(FrontierChart.png(chart)))
                        .append("\"></figure>\n");
            }
            if (explorer) {
                html.append("</details>\n");
            }
        }
        html.append("<h2>Frontier</h2>\n")
                .append(tableOrNote(DisplayTable.frontier(result), "No trial was ranked."));
        html.append("<h2>Left out</h2>\n").append(leftOut(result));
        html.append("<h2>All trials</h2>\n")
                .append(tableOrNote(DisplayTable.results(result), "No trials."));
        return html.append("</body>\n</html>\n").toString();
    }

    /**
     * Writes the report to {@code file} atomically.
     *
     * @param file the target, e.g. {@code run/report.html}
     * @param title the report title
     * @param result the Pareto analysis
     * @param charts the charts to embed
     * @return {@code file}
     * @throws IOException if rendering or writing fails
     */
    public static Path write(Path file, String title, ParetoResult result, List<XYChart> charts)
            throws IOException {
        return write(file, title, result, charts, List.of());
    }

    /**
     * Writes the report, with warnings above its summary, to {@code file} atomically.
     *
     * @param file the target, e.g. {@code run/report.html}
     * @param title the report title
     * @param result the Pareto analysis
     * @param charts the charts to embed
     * @param warnings one line each (may be empty)
     * @return {@code file}
     * @throws IOException if rendering or writing fails
     */
    public static Path write(
            Path file,
            String title,
            ParetoResult result,
            List<XYChart> charts,
            List<String> warnings)
            throws IOException {
        return AtomicFiles.writeString(file, render(title, result, charts, warnings));
    }

    static String criteriaLine(ParetoResult result) {
        String line =
                "Objectives: "
                        + result.criteria().objectives().stream()
                                .map(Objective::toString)
                                .collect(Collectors.joining(", "));
        if (!result.criteria().constraints().isEmpty()) {
            line +=
                    ". Constraints: "
                            + result.criteria().constraints().stream()
                                    .map(Object::toString)
                                    .collect(Collectors.joining(", "));
        }
        return line + ".";
    }

    private static String summary(ParetoResult result) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"Trials", Integer.toString(result.trials().size())});
        rows.add(new String[] {"Ranked", Integer.toString(result.count(Standing.RANKED))});
        rows.add(new String[] {"On the frontier", Integer.toString(result.front().size())});
        rows.add(new String[] {"Failed", Integer.toString(result.count(Standing.FAILED))});
        if (result.count(Standing.STOPPED) > 0) {
            rows.add(
                    new String[] {
                        "Stopped early", Integer.toString(result.count(Standing.STOPPED))
                    });
        }
        rows.add(new String[] {"Infeasible", Integer.toString(result.count(Standing.INFEASIBLE))});
        rows.add(new String[] {"Incomplete", Integer.toString(result.count(Standing.INCOMPLETE))});
        rows.add(new String[] {"Hypervolume", hypervolume(result)});
        rows.add(
                new String[] {
                    "Knee point", result.knee().map(k -> describe(k, result)).orElse("none")
                });
        var html = new StringBuilder("<dl class=\"summary\">\n");
        for (String[] row : rows) {
            String cls = row[0].equals("Failed") && !row[1].equals("0") ? " class=\"failed\"" : "";
            html.append("<dt>")
                    .append(escape(row[0]))
                    .append("</dt><dd")
                    .append(cls)
                    .append('>')
                    .append(escape(row[1]))
                    .append("</dd>\n");
        }
        return html.append("</dl>\n").toString();
    }

    static String hypervolume(ParetoResult result) {
        if (result.referencePoint().isEmpty()) {
            return "0 (no ranked trial)";
        }
        List<Objective> objectives = result.criteria().objectives();
        var reference = new ArrayList<String>();
        for (int j = 0; j < objectives.size(); j++) {
            reference.add(
                    objectives.get(j).metric()
                            + " "
                            + readable(objectives.get(j).metric(), result.referencePoint().get(j)));
        }
        return MetricNames.format(result.hypervolume())
                + " ("
                + String.format(java.util.Locale.ROOT, "%.1f", 100 * result.hypervolumeRatio())
                + "% of the box from the frontier's ideal point to the reference point; reference "
                + String.join(", ", reference)
                + (result.criteria().referencePoint().isEmpty() ? ", derived" : ", given")
                + ")";
    }

    static String describe(RankedTrial trial, ParetoResult result) {
        String values =
                result.criteria().objectives().stream()
                        .map(
                                o ->
                                        o.metric()
                                                + " "
                                                + readable(
                                                        o.metric(),
                                                        trial.outcome().metrics().get(o.metric())))
                        .collect(Collectors.joining(", "));
        return trial.outcome().name()
                + " ["
                + trial.trialId()
                + ", "
                + trial.outcome().technique()
                + "]: "
                + values;
    }

    /** A value in its metric's unit (KB/MB, %, ms); other metrics as plain numbers. */
    private static String readable(String metric, double value) {
        return Units.of(metric, value);
    }

    private static String leftOut(ParetoResult result) {
        List<RankedTrial> excluded =
                result.trials().stream().filter(t -> t.standing() != Standing.RANKED).toList();
        if (excluded.isEmpty()) {
            return "<p>Every trial was ranked.</p>\n";
        }
        var html = new StringBuilder("<ul>\n");
        for (RankedTrial t : excluded) {
            html.append("<li")
                    .append(t.standing() == Standing.FAILED ? " class=\"failed\"" : "")
                    .append("><b>")
                    .append(escape(t.outcome().name()))
                    .append("</b> [")
                    .append(escape(t.trialId()))
                    .append("] ")
                    .append(escape(t.standing().name()))
                    .append(": ")
                    .append(escape(t.note()))
                    .append("</li>\n");
        }
        return html.append("</ul>\n").toString();
    }

    private static String tableOrNote(tech.tablesaw.api.Table table, String note) {
        return table.rowCount() == 0
                ? "<p>" + escape(note) + "</p>\n"
                : "<div class=\"scroll\">\n" + HtmlTable.render(table) + "\n</div>\n";
    }
}
