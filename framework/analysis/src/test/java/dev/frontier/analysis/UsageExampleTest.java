package dev.frontier.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.analysis.report.ChartSpec;
import dev.frontier.analysis.report.RunOutputs;
import dev.frontier.analysis.table.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.Table;

/** The example in the package documentation, kept compiling and true. */
class UsageExampleTest {

    @Test
    void packageExample_runsAndAppliesTheAccuracyConstraint(@TempDir Path runDir)
            throws IOException {
        List<TrialOutcome> trials = SyntheticSweep.outcomes(42);
        ParetoCriteria criteria =
                ParetoCriteria.of(
                                Objective.maximize("accuracy"),
                                Objective.minimize("size_bytes"),
                                Objective.minimize("latency_p50_ms"))
                        .withConstraints(Constraint.parse("accuracy >= 0.85"));
        ParetoResult result = ParetoAnalysis.analyze(trials, criteria);
        Table frontier = ResultsTable.frontier(result);
        XYChart chart =
                FrontierChart.of(result, "size_bytes", "accuracy", true, "Accuracy vs size");
        RunOutputs.write(
                result,
                runDir,
                "My sweep",
                ChartSpec.accuracyVsSizeAndLatency("accuracy", "size_bytes", "latency_p50_ms"));

        // int2 (0.79) and prune-0.9+int4 (~0.846) fall below 0.85.
        assertEquals(2, result.count(Standing.INFEASIBLE));
        assertTrue(frontier.doubleColumn("metrics.accuracy").min() >= 0.85);
        assertEquals(result.front().size(), frontier.rowCount());
        assertTrue(chart.getSeriesMap().containsKey(FrontierChart.FRONTIER_SERIES));
        assertTrue(Files.exists(runDir.resolve(RunOutputs.REPORT_HTML)));
    }
}
