package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.chart.ChartAxes;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.table.DisplayTable;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ViewsTest {

    private static ParetoResult synthetic() {
        return ParetoAnalysis.analyze(
                SyntheticSweep.outcomes(7),
                ParetoCriteria.of(
                        Objective.maximize("accuracy"),
                        Objective.minimize("size_bytes"),
                        Objective.minimize("latency_p50_ms")));
    }

    @Test
    void table_marksFrontierRowsAndSaysHowManyRowsWereLeftOut() {
        ParetoResult result = synthetic();
        MimeBundle bundle = TableView.of(FrontierView.table(result), 5);
        String html = bundle.data().get(MimeBundle.HTML);
        int frontRows = html.split("<tr class=\"front\">", -1).length - 1;
        assertEquals(Math.min(5, result.front().size()), frontRows);
        assertTrue(bundle.text().contains("(5 of 20 rows shown)"), bundle.text());
    }

    @Test
    void table_hasTheReportsColumnOrder_withoutRawParamsAndMetrics() {
        ParetoResult result = synthetic();
        Table table = FrontierView.table(result);
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
                        "note"),
                table.columnNames());
        assertEquals(result.front().size(), table.booleanColumn("on_frontier").countTrue());
        for (int row = 0; row < result.front().size(); row++) {
            assertTrue(table.booleanColumn("on_frontier").get(row), "frontier rows first");
        }
        int baseline = table.stringColumn("name").indexOf("baseline");
        assertEquals("1.72 MB", table.stringColumn(DisplayTable.SIZE).get(baseline));
    }

    @Test
    void summary_showsTheKneeInReadableUnits() {
        ParetoResult result = synthetic();
        TrialOutcome knee = result.knee().orElseThrow().outcome();
        String text = FrontierView.summary(result, "synthetic").text();
        String expected =
                "`"
                        + knee.name()
                        + "` — accuracy "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.2f%%",
                                100 * knee.metrics().get("accuracy"))
                        + ", size "
                        + dev.frontier.analysis.Units.bytes(knee.metrics().get("size_bytes"))
                        + ", latency "
                        + dev.frontier.analysis.Units.millis(knee.metrics().get("latency_p50_ms"));
        assertTrue(text.contains(expected), text + "\nexpected: " + expected);
        assertTrue(text.contains(" KB") || text.contains(" MB"), text);
    }

    @Test
    void chart_isAPngImage() {
        MimeBundle bundle =
                ChartView.png(
                        dev.frontier.analysis.chart.FrontierChart.of(
                                synthetic(), "size_bytes", "accuracy", true, "t"));
        byte[] png = Base64.getDecoder().decode(bundle.data().get(MimeBundle.PNG));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(
                bundle.text()
                        .startsWith(
                                "[chart] t (Size, log scale vs Accuracy (%), bars: 95% CI): Pareto frontier, "
                                        + "baseline, prune"),
                bundle.text());
        assertFalse(
                bundle.text().contains(ChartAxes.GRID_SERIES),
                "hidden helper series are not described");
        assertFalse(bundle.text().contains(FrontierChart.INTERVAL_SUFFIX), bundle.text());
    }

    @Test
    void frontier_showsSummaryTableAndBothCharts() {
        List<MimeBundle> bundles = FrontierView.of(synthetic(), "synthetic");
        assertEquals(4, bundles.size());
        assertTrue(bundles.get(0).has(MimeBundle.MARKDOWN));
        assertTrue(bundles.get(1).has(MimeBundle.HTML));
        assertTrue(
                bundles.get(2).has(MimeBundle.PNG)
                        && bundles.get(2).text().contains("accuracy vs size"));
        assertTrue(
                bundles.get(3).has(MimeBundle.PNG)
                        && bundles.get(3).text().contains("accuracy vs latency"));
    }

    @Test
    void params_readOnlyNotebookVariablesAndRejectNonNumbers() {
        var params =
                new NotebookParams(
                        Map.of(
                                "FRONTIER_NB_LIMIT",
                                "2_000",
                                "PATH",
                                "/bin",
                                "FRONTIER_NB_EPOCHS",
                                "x"));
        assertEquals(2000, params.integer(NotebookParams.LIMIT, 10_000));
        assertEquals(3, params.integer(NotebookParams.SEEDS, 3));
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> params.integer(NotebookParams.EPOCHS, 2));
        assertTrue(
                e.getMessage().startsWith("FRONTIER_NB_EPOCHS=x is not an integer"),
                e.getMessage());
        assertEquals(
                "notebook parameters: FRONTIER_NB_EPOCHS=x, FRONTIER_NB_LIMIT=2_000",
                params.describe());
    }

    @Test
    void runsTable_becomesOutcomesOfFinishedRunsOnly() {
        Table runs =
                Table.create(
                        "e",
                        StringColumn.create("run_id", "r1", "r2"),
                        StringColumn.create("run_name", "a", "b"),
                        StringColumn.create("status", "FINISHED", "FAILED"),
                        StringColumn.create("params.prune.ratio", "0.5", "0.9"),
                        DoubleColumn.create("metrics.accuracy", 0.9, Double.NaN),
                        DoubleColumn.create("metrics.size_bytes", 1000, 2000),
                        StringColumn.create("tags.technique", "prune", "prune"),
                        StringColumn.create("tags.frontier.trial_id", "t1", "t2"));
        List<TrialOutcome> outcomes = ExperimentFrontiers.outcomes(runs);
        assertEquals(1, outcomes.size());
        assertEquals("t1", outcomes.get(0).trialId());
        assertEquals(Map.of("accuracy", 0.9, "size_bytes", 1000.0), outcomes.get(0).metrics());
        assertEquals("prune", outcomes.get(0).technique());
    }

    @Test
    void experimentChart_hasTheReportsAxes() {
        var lenet =
                List.of(
                        TrialOutcome.ok(
                                "a",
                                "a",
                                "x",
                                Map.of(),
                                Map.of("accuracy", 0.9, "size_bytes", 20480.0)),
                        TrialOutcome.ok(
                                "b",
                                "b",
                                "x",
                                Map.of(),
                                Map.of("accuracy", 0.85, "size_bytes", 5_000_000.0)));
        var mlp =
                List.of(
                        TrialOutcome.ok(
                                "c",
                                "c",
                                "x",
                                Map.of(),
                                Map.of("accuracy", 0.88, "size_bytes", 300_000.0)));
        var byExperiment = new java.util.LinkedHashMap<String, List<TrialOutcome>>();
        byExperiment.put("lenet", lenet);
        byExperiment.put("mlp", mlp);
        var chart =
                ExperimentFrontiers.chart(
                        byExperiment,
                        Objective.minimize("size_bytes"),
                        Objective.maximize("accuracy"),
                        true,
                        "t");
        assertEquals("Size, log scale", chart.getXAxisTitle());
        assertEquals("Accuracy (%)", chart.getYAxisTitle());
        assertEquals("88%", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.88));
        assertEquals(
                List.of(ChartAxes.GRID_SERIES, "lenet", "lenet frontier", "mlp", "mlp frontier"),
                List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(
                20480.0,
                chart.getSeriesMap().get(ChartAxes.GRID_SERIES).getXData()[0],
                "first tick at 20 KB");
    }

    @Test
    void staircase_stepsHorizontallyThenVertically() {
        var a = TrialOutcome.ok("a", "a", "x", Map.of(), Map.of("s", 10.0, "acc", 0.8));
        var b = TrialOutcome.ok("b", "b", "x", Map.of(), Map.of("s", 20.0, "acc", 0.9));
        double[][] line =
                ExperimentFrontiers.staircase(
                        List.of(b, a), Objective.minimize("s"), Objective.maximize("acc"));
        assertArrayEquals(new double[] {10, 20, 20}, line[0]);
        assertArrayEquals(new double[] {0.8, 0.8, 0.9}, line[1]);
    }
}
