package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.it.FaultProxy.Fault;
import dev.frontier.tracking.rest.BatchLimits;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class FaultProxyIntegrationTest {

    @Test
    void faultyServer_noHangNoLostMetricNoDuplicateRun(MlflowServer server) throws Exception {
        var creates = new AtomicInteger();
        var batches = new AtomicInteger();
        // 429, 503, dropped connections before and after the server acted, the third log-batch
        // stalled, then a fault
        // on every 5th request; the second run creation loses its answer after the server created
        // the run.
        try (var proxy =
                new FaultProxy(
                        server.port,
                        (n, line) -> {
                            if (line.contains("/runs/create") && creates.incrementAndGet() == 2) {
                                return Fault.DROP_AFTER;
                            }
                            if (line.contains("/runs/log-batch")
                                    && batches.incrementAndGet() == 3) {
                                return Fault.STALL;
                            }
                            return switch (n) {
                                case 2 -> Fault.TOO_MANY_REQUESTS;
                                case 3 -> Fault.TOO_MANY_REQUESTS;
                                case 4 -> Fault.UNAVAILABLE;
                                case 6 -> Fault.DROP_BEFORE;
                                case 11 -> Fault.DROP_AFTER;
                                default ->
                                        n % 5 == 0
                                                ? (n % 10 == 0
                                                        ? Fault.UNAVAILABLE
                                                        : Fault.TOO_MANY_REQUESTS)
                                                : Fault.PASS;
                            };
                        })) {
            RetryPolicy policy =
                    new RetryPolicy(
                            6,
                            Duration.ofMillis(50),
                            Duration.ofMillis(400),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(3));
            BatchLimits small = new BatchLimits(40, 10, 10, 40, 100_000);
            long began = System.nanoTime();
            String exp;
            var runs = new ArrayList<String>();
            try (RestStore store =
                    RestStore.open(new TrackingUri(proxy.uri()), policy, Map.of(), small)) {
                exp = store.getOrCreateExperiment("fault-it");
                String parent = store.createRun(exp, NewRun.named("sweep", 1));
                runs.add(parent);
                for (int t = 1; t <= 3; t++) {
                    String child =
                            store.createRun(exp, NewRun.named("T" + t, 1 + t).withParent(parent));
                    var points = new ArrayList<MetricPoint>();
                    for (int step = 0; step < 100; step++) {
                        points.add(new MetricPoint("loss", t * 1000 + step, 10 + step, step));
                    }
                    store.logBatch(
                            child,
                            RunBatch.of(
                                    Map.of("trial", "T" + t), points, Map.of("pareto", "true")));
                    store.endRun(child, RunStatus.FINISHED, 500);
                    runs.add(child);
                }
                store.endRun(parent, RunStatus.FINISHED, 600);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertTrue(took.toSeconds() < 45, "logging through faults took " + took);
            assertTrue(proxy.faults.get() >= 10, "faults injected: " + proxy.faults.get());
            assertEquals(
                    java.util.EnumSet.complementOf(java.util.EnumSet.of(Fault.PASS)),
                    java.util.EnumSet.copyOf(proxy.applied),
                    "every kind of fault was injected");
            assertTrue(
                    took.toMillis() >= 3_000,
                    "the stalled answer was waited for up to the request time-out: " + took);

            try (RestStore direct =
                    RestStore.open(
                            new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
                List<TrackedRun> all = direct.searchRuns(exp, Map.of());
                assertEquals(4, all.size(), "no duplicate run from the lost create answer: " + all);
                for (int t = 1; t <= 3; t++) {
                    List<MetricPoint> loss = direct.metricHistory(runs.get(t), "loss");
                    assertEquals(100, loss.size(), "trial " + t);
                    assertEquals(
                            t * 1000 + 99.0,
                            loss.stream().mapToDouble(MetricPoint::value).max().orElseThrow());
                    assertEquals(RunStatus.FINISHED, direct.getRun(runs.get(t)).status());
                }
            }
        }
    }
}
