package dev.frontier.tracking.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.RunBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLimitsTest {

    @Test
    void split_keepsEveryEntityWithinMlflowCounts() {
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < 150; i++) {
            params.put("p" + i, "v" + i);
        }
        var metrics = new ArrayList<MetricPoint>();
        for (int i = 0; i < 2500; i++) {
            metrics.add(new MetricPoint("loss", i, 1, i));
        }
        List<RunBatch> parts =
                BatchLimits.MLFLOW.split(RunBatch.of(params, metrics, java.util.Map.of("t", "x")));
        assertEquals(150, parts.stream().mapToInt(p -> p.params().size()).sum());
        assertEquals(2500, parts.stream().mapToInt(p -> p.metrics().size()).sum());
        assertEquals(1, parts.stream().mapToInt(p -> p.tags().size()).sum());
        for (RunBatch part : parts) {
            assertTrue(
                    part.params().size() <= 100
                            && part.metrics().size() <= 1000
                            && part.params().size() + part.metrics().size() + part.tags().size()
                                    <= 1000,
                    part.toString());
        }
        assertEquals(
                0.0,
                parts.stream()
                        .filter(p -> !p.metrics().isEmpty())
                        .findFirst()
                        .orElseThrow()
                        .metrics()
                        .get(0)
                        .value());
        assertEquals(
                2499.0,
                parts.get(parts.size() - 1)
                        .metrics()
                        .get(parts.get(parts.size() - 1).metrics().size() - 1)
                        .value());
    }

    @Test
    void split_respectsByteLimitForLongParams() {
        var params = new LinkedHashMap<String, String>();
        for (int i = 0; i < 90; i++) {
            params.put("long" + i, "x".repeat(5000));
        }
        List<RunBatch> parts =
                new BatchLimits(1000, 100, 100, 1000, 100_000).split(RunBatch.ofParams(params));
        assertTrue(
                parts.size() >= 9,
                "90 params of 10 kB each need at least 9 parts of 100 kB, got " + parts.size());
        assertEquals(90, parts.stream().mapToInt(p -> p.params().size()).sum());
    }

    @Test
    void split_emptyBatchSendsNothing() {
        assertEquals(List.of(), BatchLimits.MLFLOW.split(RunBatch.EMPTY));
    }

    @Test
    void backoff_doublesUpToTheCap() {
        RetryPolicy policy =
                new RetryPolicy(
                        6,
                        Duration.ofMillis(100),
                        Duration.ofMillis(350),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1));
        assertEquals(
                List.of(100L, 200L, 350L, 350L),
                List.of(1, 2, 3, 4).stream().map(a -> policy.backoffAfter(a).toMillis()).toList());
    }
}
