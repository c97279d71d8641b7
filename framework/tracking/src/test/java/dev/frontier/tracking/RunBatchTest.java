package dev.frontier.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunBatchTest {

    @Test
    void constructor_rejectsParentPathInMetricName() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new MetricPoint("../escape", 1, 0, 0));
        assertTrue(e.getMessage().contains("'../escape'"), e.getMessage());
    }

    @Test
    void constructor_rejectsOverlongParamValueNamingTheParam() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunBatch.ofParams(Map.of("spec", "x".repeat(6001))));
        assertTrue(
                e.getMessage().contains("param 'spec'") && e.getMessage().contains("6000"),
                e.getMessage());
    }

    @Test
    void plus_keepsOrderAndLetsLaterTagsWin() {
        RunBatch a =
                RunBatch.of(
                        Map.of("p", "1"),
                        List.of(new MetricPoint("m", 1, 5, 0)),
                        Map.of("t", "old"));
        RunBatch b =
                RunBatch.of(
                        Map.of("q", "2"),
                        List.of(new MetricPoint("m", 2, 6, 1)),
                        Map.of("t", "new"));
        RunBatch sum = a.plus(b);
        assertEquals(List.of("p", "q"), List.copyOf(sum.params().keySet()));
        assertEquals(List.of(1.0, 2.0), sum.metrics().stream().map(MetricPoint::value).toList());
        assertEquals("new", sum.tags().get("t"));
    }

    @Test
    void newRun_rejectsReservedTagsGivenDirectly() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new NewRun(
                                "r",
                                java.util.Optional.empty(),
                                0,
                                Map.of(MlflowTags.PARENT_RUN_ID, "x")));
    }

    @Test
    void runStatus_codesMatchMlflowFileStore() {
        assertEquals(3, RunStatus.FINISHED.code());
        assertEquals(4, RunStatus.FAILED.code());
        assertEquals(1, RunStatus.RUNNING.code());
        assertEquals(RunStatus.KILLED, RunStatus.ofCode(5));
    }
}
