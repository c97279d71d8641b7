package dev.frontier.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrialOutcomeTest {

    @Test
    void failedTrial_withoutReason_isRejected() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new TrialOutcome(
                                        "t1",
                                        "a",
                                        "prune",
                                        TrialStatus.FAILED,
                                        " ",
                                        Map.of(),
                                        Map.of()));
        assertTrue(e.getMessage().contains("t1"), e.getMessage());
    }

    @Test
    void okTrial_withFailureReason_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new TrialOutcome(
                                "t1", "a", "prune", TrialStatus.OK, "boom", Map.of(), Map.of()));
    }

    @Test
    void blankTechnique_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TrialOutcome.ok("t1", "a", "", Map.of(), Map.of()));
    }

    @Test
    void paramsAndMetrics_keepTheirOrder_andCannotBeChanged() {
        var params = new LinkedHashMap<String, String>();
        params.put("z_ratio", "0.5");
        params.put("a_bits", "8");
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("size_mb", 1.0);
        metrics.put("accuracy", 0.9);
        TrialOutcome outcome = TrialOutcome.ok("t1", "a", "prune+quantize", params, metrics);
        params.put("late", "x");

        assertEquals(List.of("z_ratio", "a_bits"), List.copyOf(outcome.params().keySet()));
        assertEquals(List.of("size_mb", "accuracy"), List.copyOf(outcome.metrics().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> outcome.metrics().put("x", 1.0));
    }

    @Test
    void metric_isEmptyForMissingOrNaN() {
        TrialOutcome outcome = Trials.ok("t1", "prune", "accuracy", 0.9, "loss", Double.NaN);
        assertEquals(OptionalDouble.of(0.9), outcome.metric("accuracy"));
        assertEquals(OptionalDouble.empty(), outcome.metric("loss"));
        assertEquals(OptionalDouble.empty(), outcome.metric("size_mb"));
    }
}
