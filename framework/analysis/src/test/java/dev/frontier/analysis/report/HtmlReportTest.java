package dev.frontier.analysis.report;

import static dev.frontier.analysis.Trials.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.table.DisplayTable;
import dev.frontier.analysis.table.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class HtmlReportTest {

    private static final ParetoCriteria CRITERIA =
            ParetoCriteria.of(
                    Objective.maximize("accuracy"),
                    Objective.minimize("size_bytes"),
                    Objective.minimize("latency_p50_ms"));

    private static final ParetoCriteria CRITERIA_MB =
            ParetoCriteria.of(
                    Objective.maximize("accuracy"),
                    Objective.minimize("size_mb"),
                    Objective.minimize("latency_ms"));

    private static ParetoResult sweep() {
        return ParetoAnalysis.analyze(SyntheticSweep.outcomes(42), CRITERIA);
    }

    private static String html(ParetoResult result) throws IOException {
        return HtmlReport.render(
                "Quickstart sweep",
                result,
                List.of(
                        FrontierChart.of(
                                result, "size_bytes", "accuracy", true, "Accuracy vs size"),
                        FrontierChart.of(
                                result,
                                "latency_p50_ms",
                                "accuracy",
                                false,
                                "Accuracy vs latency")));
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void report_embedsChartsAndLoadsNothingFromOutside() throws IOException {
        String html = html(sweep());
        assertEquals(2, count(html, "src=\"data:image/png;base64,"));
        assertFalse(
                Pattern.compile("(?i)\\b(src|href|action|srcset)\\s*=\\s*[\"']?\\s*(https?:)?//")
                        .matcher(html.replaceAll("(?s)(<script[^>]*>).*?</script>", "$1</script>"))
                        .find(),
                "an attribute pointing outside the file");
        assertFalse(html.contains("<link"), "external style sheet");
        assertFalse(html.contains("@import"), "imported style sheet");
        // the data, the charting library and the explorer's script, all inline
        assertEquals(3, count(html, "<script"));
        assertEquals(3, count(html, "</script>"));
        assertEquals(
                List.of(
                        "<script type=\"application/json\" id=\"explorer-data\">",
                        "<script>",
                        "<script>"),
                Pattern.compile("<script[^>]*>")
                        .matcher(html)
                        .results()
                        .map(m -> m.group())
                        .toList());
        assertTrue(html.contains(ChartLibrary.script()), "ECharts inlined whole");
    }

    @Test
    void report_summarisesCountsFailuresHypervolumeAndKnee() throws IOException {
        ParetoResult result = sweep();
        String html = html(result);
        assertTrue(html.contains("<dt>Trials</dt><dd>20</dd>"), html);
        assertTrue(html.contains("<dt>Failed</dt><dd class=\"failed\">2</dd>"));
        assertTrue(
                html.contains(
                        "<dt>Hypervolume</dt><dd>"
                                + HtmlReport.hypervolume(result).replace("'", "&#39;")));
        assertTrue(html.contains(", derived)"));
        String kneeName = result.knee().orElseThrow().outcome().name();
        assertTrue(html.contains("<dt>Knee point</dt><dd>" + kneeName), html);
        assertTrue(html.contains("loss became NaN at epoch 2"));
    }

    @Test
    void report_listsFrontierAndAllTrialsAsTables() throws IOException {
        ParetoResult result = sweep();
        String html = html(result);
        assertEquals(2, count(html, "<table>\n<thead>"));
        assertEquals(result.front().size() * 2, count(html, "<tr class=\"front\">"));
        assertEquals(2, count(html, "<tr class=\"excluded\">"));
    }

    @Test
    void reportTables_leadWithWhatATrialIsAndAchieved_bookkeepingAfter() throws IOException {
        ParetoResult result = sweep();
        Table shown = DisplayTable.results(result);
        assertEquals(
                List.of(
                        "name",
                        "technique",
                        DisplayTable.ACCURACY,
                        DisplayTable.DELTA,
                        DisplayTable.SIZE,
                        DisplayTable.RATIO,
                        DisplayTable.LATENCY,
                        DisplayTable.KERNEL,
                        "trial_id",
                        "status",
                        "standing",
                        "pareto_rank",
                        "on_frontier",
                        "knee",
                        "note",
                        "params.prune_ratio",
                        "params.bits",
                        "params.temperature"),
                shown.columnNames());
        assertEquals(
                DisplayTable.results(result).columnNames(),
                DisplayTable.frontier(result).columnNames());
        int baseline = shown.stringColumn("name").indexOf("baseline");
        TrialOutcome base = SyntheticSweep.outcomes(42).get(0);
        double half =
                100
                        * (base.metrics().get("accuracy_ci_high")
                                - base.metrics().get("accuracy_ci_low"))
                        / 2;
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "%.2f%% ± %.2f",
                        100 * base.metrics().get("accuracy"),
                        half),
                shown.stringColumn(DisplayTable.ACCURACY).get(baseline));
        assertEquals("0.00 pts", shown.stringColumn(DisplayTable.DELTA).get(baseline));
        assertEquals("1.72 MB", shown.stringColumn(DisplayTable.SIZE).get(baseline));
        assertEquals("1×", shown.stringColumn(DisplayTable.RATIO).get(baseline));
        assertEquals("fp32", shown.stringColumn(DisplayTable.KERNEL).get(baseline));
        int int8 = shown.stringColumn("name").indexOf("int8");
        TrialOutcome quantized =
                result.trial(shown.stringColumn("trial_id").get(int8)).orElseThrow().outcome();
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "%+.2f pts",
                        -quantized.metrics().get("accuracy_drop")),
                shown.stringColumn(DisplayTable.DELTA).get(int8));
        assertEquals("int8", shown.stringColumn(DisplayTable.KERNEL).get(int8));
        assertTrue(shown.stringColumn(DisplayTable.LATENCY).get(int8).endsWith(" ms"));
        int failed = shown.stringColumn("name").indexOf("distill-T16");
        assertTrue(shown.stringColumn(DisplayTable.ACCURACY).isMissing(failed));

        String html = html(result);
        String header = html.substring(html.indexOf("<thead>"), html.indexOf("</thead>"));
        assertTrue(
                header.startsWith(
                        "<thead><tr><th>name</th><th>technique</th><th>accuracy ± 95% CI</th>"
                                + "<th>Δ vs baseline</th><th>size</th><th>ratio</th><th>latency</th><th>kernel</th><th>trial_id</th>"),
                header);
        assertTrue(
                html.contains("<td class=\"num\">1.72 MB</td>"),
                "formatted numbers are right-aligned");
    }

    @Test
    void displayTable_withoutDropOrKernel_computesDeltaFromTheBaselineAndLeavesKernelOut() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok(
                                        "a",
                                        "baseline",
                                        "accuracy",
                                        0.90,
                                        "size_mb",
                                        10.0,
                                        "latency_ms",
                                        1.0),
                                ok(
                                        "b",
                                        "prune",
                                        "accuracy",
                                        0.8875,
                                        "size_mb",
                                        2.0,
                                        "latency_ms",
                                        0.5)),
                        CRITERIA_MB);
        Table shown = DisplayTable.results(result);
        assertEquals(
                List.of(
                        "name",
                        "technique",
                        DisplayTable.ACCURACY,
                        DisplayTable.DELTA,
                        DisplayTable.SIZE,
                        DisplayTable.LATENCY,
                        "trial_id",
                        "status",
                        "standing",
                        "pareto_rank",
                        "on_frontier",
                        "knee",
                        "note"),
                shown.columnNames());
        assertEquals(
                List.of("90.00%", "88.75%"), shown.stringColumn(DisplayTable.ACCURACY).asList());
        assertEquals(
                List.of("0.00 pts", "-1.25 pts"), shown.stringColumn(DisplayTable.DELTA).asList());
        assertEquals(List.of("10 MB", "2 MB"), shown.stringColumn(DisplayTable.SIZE).asList());
        assertEquals(List.of("1 ms", "0.5 ms"), shown.stringColumn(DisplayTable.LATENCY).asList());
    }

    @Test
    void report_escapesTrialText() throws IOException {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok(
                                        "a",
                                        "baseline",
                                        "accuracy",
                                        0.9,
                                        "size_bytes",
                                        10.0,
                                        "latency_p50_ms",
                                        1.0),
                                TrialOutcome.failed(
                                        "b",
                                        "<b>bold</b>",
                                        "prune",
                                        Map.of(),
                                        "<script>alert('x')</script>")),
                        CRITERIA);
        String html = HtmlReport.render("A & B", result, List.of());
        assertFalse(html.contains("<script>alert"));
        assertFalse(html.contains("<b>bold"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("<title>A &amp; B</title>"));
    }

    @Test
    void report_showsWarningsAboveTheSummary_escaped_andNoBoxWithoutThem() throws IOException {
        ParetoResult result = ParetoAnalysis.analyze(SyntheticSweep.outcomes(1), CRITERIA);
        String html =
                HtmlReport.render(
                        "W",
                        result,
                        List.of(),
                        List.of(
                                "r0.9-b4: sparsity 82.8% measured in its file, 90.0% asked for (-7.2 points)",
                                "a <b> & c"));
        int box = html.indexOf("<div class=\"warnings\">");
        assertTrue(box > 0 && box < html.indexOf("<h2>Summary</h2>"), html);
        assertTrue(
                html.contains(
                        "<li>r0.9-b4: sparsity 82.8% measured in its file, 90.0% asked for (-7.2 points)</li>"));
        assertTrue(html.contains("<li>a &lt;b&gt; &amp; c</li>"));
        assertFalse(HtmlReport.render("W", result, List.of()).contains("class=\"warnings\""));
    }

    @Test
    void report_showsConstraintsInTheCriteriaLine() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        SyntheticSweep.outcomes(1),
                        CRITERIA.withConstraints(Constraint.parse("size_bytes <= 1000000")));
        assertEquals(
                "Objectives: max accuracy, min size_bytes, min latency_p50_ms. Constraints: size_bytes <= 1000000.",
                HtmlReport.criteriaLine(result));
    }

    @Test
    void htmlTable_formatsNumbersAndLeavesMissingCellsEmpty() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok(
                                        "a",
                                        "baseline",
                                        "accuracy",
                                        0.912345678,
                                        "size_bytes",
                                        10.0,
                                        "latency_p50_ms",
                                        1.0),
                                TrialOutcome.failed("b", "crash", "prune", Map.of(), "boom")),
                        CRITERIA);
        String table = HtmlTable.render(ResultsTable.results(result));
        assertTrue(table.contains("<td class=\"num\">0.91235</td>"), table);
        assertTrue(table.contains("<td class=\"num\"></td>"), table);
    }

    @Test
    void runOutputs_writeTablesChartsAndReportIntoTheRunDirectory(@TempDir Path dir)
            throws IOException {
        RunOutputs.Written written =
                RunOutputs.write(
                        sweep(),
                        dir,
                        "Synthetic sweep",
                        ChartSpec.accuracyVsSizeAndLatency(
                                "accuracy", "size_bytes", "latency_p50_ms"));

        var names = new ArrayList<String>();
        try (var files = Files.list(dir)) {
            files.forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        assertEquals(
                List.of(
                        "accuracy_vs_latency.png",
                        "accuracy_vs_latency.svg",
                        "accuracy_vs_size.png",
                        "accuracy_vs_size.svg",
                        "frontier.csv",
                        "report.html",
                        "results.csv"),
                names);
        assertEquals(dir.resolve("report.html"), written.report());
        assertEquals(2, written.charts().size());
        Path samples = Files.createDirectories(Path.of("target", "chart-samples"));
        Files.copy(
                written.report(),
                samples.resolve("report.html"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void runOutputs_withNoRankedTrial_writeReportWithoutCharts(@TempDir Path dir)
            throws IOException {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                TrialOutcome.failed(
                                        "a", "crash", "prune", Map.of(), "OutOfMemoryError")),
                        CRITERIA);
        RunOutputs.Written written =
                RunOutputs.write(
                        result,
                        dir,
                        "All failed",
                        ChartSpec.accuracyVsSizeAndLatency(
                                "accuracy", "size_bytes", "latency_p50_ms"));
        assertEquals(List.of(), written.charts());
        String html = Files.readString(written.report());
        assertTrue(html.contains("No trial was ranked."));
        assertTrue(html.contains("<dt>Hypervolume</dt><dd>0 (no ranked trial)</dd>"));
    }

    @Test
    void chartSpec_rejectsFileNamesThatLeaveTheRunDirectory() {
        assertThrows(
                IllegalArgumentException.class, () -> new ChartSpec("../x", "a", "b", false, "t"));
        assertThrows(
                IllegalArgumentException.class, () -> new ChartSpec("a/b", "a", "b", false, "t"));
    }
}
