package dev.frontier.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartSpecTest {

    @Test
    void forObjectives_chartsEveryOtherObjectiveAgainstAccuracy_keepingTheUsualFileNames() {
        List<ChartSpec> specs =
                ChartSpec.forObjectives(List.of("accuracy", "size_bytes", "latency_p50_ms"));
        assertEquals(
                List.of(
                        new ChartSpec(
                                "accuracy_vs_size",
                                "size_bytes",
                                "accuracy",
                                true,
                                "Accuracy vs size"),
                        new ChartSpec(
                                "accuracy_vs_latency",
                                "latency_p50_ms",
                                "accuracy",
                                false,
                                "Accuracy vs latency p50")),
                specs);
    }

    @Test
    void forObjectives_withoutLatency_drawsNoLatencyChart() {
        // a sweep whose objectives are accuracy and size only had failed at the report: latency was
        // always charted
        assertEquals(
                List.of("size_bytes"),
                ChartSpec.forObjectives(List.of("size_bytes", "accuracy")).stream()
                        .map(ChartSpec::xMetric)
                        .toList());
    }

    @Test
    void forObjectives_withoutAccuracy_usesTheFirstObjectiveAsY() {
        List<ChartSpec> specs = ChartSpec.forObjectives(List.of("f1", "params", "throughput"));
        assertEquals(
                List.of("f1_vs_params", "f1_vs_throughput"),
                specs.stream().map(ChartSpec::fileName).toList());
        assertEquals(List.of(true, false), specs.stream().map(ChartSpec::logX).toList());
        assertThrows(
                IllegalArgumentException.class, () -> ChartSpec.forObjectives(List.of("accuracy")));
    }
}
