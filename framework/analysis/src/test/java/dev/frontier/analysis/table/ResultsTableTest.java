package dev.frontier.analysis.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultsTableTest {

    private static final ParetoCriteria CRITERIA =
            ParetoCriteria.of(Objective.maximize("accuracy"), Objective.minimize("size_mb"));

    private static Map<String, Double> metrics(double accuracy, double sizeMb) {
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("accuracy", accuracy);
        metrics.put("size_mb", sizeMb);
        return metrics;
    }

    private static ParetoResult small() {
        var p1 = new LinkedHashMap<String, String>();
        p1.put("prune_ratio", "0.5");
        p1.put("bits", "8");
        return ParetoAnalysis.analyze(
                List.of(
                        TrialOutcome.ok(
                                "t1",
                                "big",
                                "baseline",
                                Map.of("optimizer", "adam"),
                                metrics(0.9, 10.0)),
                        TrialOutcome.ok("t2", "small", "prune+quantize", p1, metrics(0.8, 1.0)),
                        TrialOutcome.ok(
                                "t3",
                                "worse",
                                "prune",
                                Map.of("prune_ratio", "0.7"),
                                metrics(0.7, 2.0)),
                        TrialOutcome.failed(
                                "t4",
                                "crash",
                                "prune",
                                Map.of("prune_ratio", "0.99"),
                                "NaN loss, epoch 2")),
                CRITERIA);
    }

    @Test
    void results_haveOneRowPerTrial_withFixedThenParamThenMetricColumns() {
        Table table = ResultsTable.results(small());

        assertEquals(4, table.rowCount());
        assertEquals(
                List.of(
                        "trial_id",
                        "name",
                        "technique",
                        "status",
                        "standing",
                        "pareto_rank",
                        "on_frontier",
                        "knee",
                        "note",
                        "params.optimizer",
                        "params.prune_ratio",
                        "params.bits",
                        "metrics.accuracy",
                        "metrics.size_mb"),
                table.columnNames());
    }

    @Test
    void results_typeParamColumnsByTheirValues() {
        Table table = ResultsTable.results(small());
        assertInstanceOf(StringColumn.class, table.column("params.optimizer"));
        assertInstanceOf(DoubleColumn.class, table.column("params.prune_ratio"));
        assertInstanceOf(IntColumn.class, table.column("params.bits"));
        assertEquals(0.99, table.doubleColumn("params.prune_ratio").get(3), 0);
    }

    @Test
    void results_leaveRankAndAbsentValuesMissing() {
        Table table = ResultsTable.results(small());
        IntColumn rank = table.intColumn("pareto_rank");
        assertEquals(List.of(1, 1, 2), List.of(rank.get(0), rank.get(1), rank.get(2)));
        assertTrue(rank.isMissing(3));
        assertTrue(table.intColumn("params.bits").isMissing(0));
        assertTrue(table.doubleColumn("metrics.accuracy").isMissing(3));
        assertEquals("NaN loss, epoch 2", table.stringColumn("note").get(3));
        assertEquals("FAILED", table.stringColumn("standing").get(3));
    }

    @Test
    void frontier_holdsOnlyRankOneRows_sortedByFirstObjective() {
        Table frontier = ResultsTable.frontier(small());
        assertEquals(List.of("t2", "t1"), frontier.stringColumn("trial_id").asList());
        assertEquals(ResultsTable.results(small()).columnNames(), frontier.columnNames());
    }

    @Test
    void csv_roundTripsThroughTablesaw(@TempDir Path dir) throws IOException {
        CsvExport.writeRunTables(small(), dir);

        List<String> lines = Files.readAllLines(dir.resolve(CsvExport.FRONTIER_CSV));
        assertEquals(3, lines.size());
        assertTrue(
                lines.get(0).startsWith("trial_id,name,technique,status,standing,pareto_rank"),
                lines.get(0));
        assertTrue(
                lines.get(1).startsWith("t2,small,prune+quantize,OK,RANKED,1,true,"), lines.get(1));

        Table back = Table.read().csv(dir.resolve(CsvExport.RESULTS_CSV).toFile());
        assertEquals(4, back.rowCount());
        assertEquals(0.7, back.numberColumn("metrics.accuracy").getDouble(2), 1e-12);
        assertTrue(back.numberColumn("metrics.accuracy").isMissing(3));
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void syntheticSweep_tableKeepsAllParamsAndMetrics() {
        Table table =
                ResultsTable.results(
                        ParetoAnalysis.analyze(
                                SyntheticSweep.outcomes(1),
                                ParetoCriteria.of(
                                        Objective.maximize("accuracy"),
                                        Objective.minimize("size_bytes"))));
        assertEquals(20, table.rowCount());
        assertTrue(
                table.columnNames()
                        .containsAll(
                                List.of(
                                        "params.prune_ratio",
                                        "params.bits",
                                        "params.temperature",
                                        "params.kernel_precision",
                                        "metrics.accuracy",
                                        "metrics.accuracy_ci_low",
                                        "metrics.accuracy_ci_high",
                                        "metrics.accuracy_drop",
                                        "metrics.size_bytes",
                                        "metrics.compression_ratio",
                                        "metrics.latency_p50_ms")),
                table.columnNames().toString());
        assertEquals(1, table.booleanColumn("knee").countTrue());
    }
}
