package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import dev.frontier.tracking.sweep.ArtifactFile;
import dev.frontier.tracking.sweep.SweepFinish;
import dev.frontier.tracking.sweep.SweepLogReport;
import dev.frontier.tracking.sweep.SweepLogger;
import dev.frontier.tracking.sweep.SweepStart;
import dev.frontier.tracking.sweep.SweepTracking;
import dev.frontier.tracking.sweep.TrialRecord;
import dev.frontier.tracking.sync.StoreSync;
import dev.frontier.tracking.sync.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class SyncIntegrationTest {

    @TempDir Path dir;

    private static TrialRecord trial(String id, double accuracy, Path model) {
        return TrialRecord.ok(
                id,
                id + "-b8",
                "quantize",
                Map.of("quantize.bits", "8", "trial", id),
                Map.of("accuracy", accuracy),
                Map.of("train_loss", List.of(0.9, 0.4)),
                List.of(ArtifactFile.in("model", model)));
    }

    @Test
    void serverDiesMidSweep_sweepFinishesLocallyAndSyncTwiceLeavesNoDuplicates(MlflowServer server)
            throws Exception {
        Path model = Files.writeString(dir.resolve("model.fqz"), "compressed");
        RetryPolicy quick =
                new RetryPolicy(
                        3,
                        Duration.ofMillis(20),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3));
        SweepLogReport report;
        try (var proxy = new FaultProxy(server.port, (n, line) -> FaultProxy.Fault.PASS)) {
            var tracking =
                    new SweepTracking(
                            FileStore.open(dir.resolve("buffer")),
                            Optional.of(
                                    RestStore.open(new TrackingUri(proxy.uri()), quick, Map.of())),
                            Clock.systemUTC());
            try (SweepLogger log =
                    SweepLogger.start(
                            tracking,
                            new SweepStart(
                                    "sync-it",
                                    "s1",
                                    "sweep-s1",
                                    "h",
                                    "c",
                                    "0.1.0",
                                    Map.of("epochs", "2"),
                                    List.of()))) {
                log.logTrial(trial("T1", 0.9, model));
                proxy.down = true; // the server becomes unreachable mid-sweep
                log.logTrial(trial("T2", 0.8, model));
                log.logTrial(trial("T3", 0.7, model));
                report =
                        log.finish(
                                SweepFinish.finished(
                                        Map.of("hypervolume", 0.5),
                                        Map.of("T1", 1, "T2", 2, "T3", 3),
                                        List.of()));
            }
        }
        assertFalse(report.mirrored());
        assertTrue(report.nextStep().isPresent());

        FileStore buffer = FileStore.open(dir.resolve("buffer"));
        try (RestStore remote =
                RestStore.open(new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
            String exp = remote.findExperiment("sync-it").orElseThrow();
            assertEquals(
                    2,
                    remote.searchRuns(exp, Map.of()).size(),
                    "parent and T1 reached the server before it died");

            SyncReport first = new StoreSync(buffer, remote).syncExperiment("sync-it");
            SyncReport second = new StoreSync(buffer, remote).syncExperiment("sync-it");

            assertEquals(4, first.total());
            assertEquals(2, first.created(), "T2 and T3");
            assertEquals(new SyncReport(0, 0, 0, 4), second);
            List<TrackedRun> runs = remote.searchRuns(exp, Map.of());
            assertEquals(4, runs.size());
            TrackedRun parent =
                    runs.stream().filter(r -> r.parentRunId().isEmpty()).findFirst().orElseThrow();
            assertEquals(0.5, parent.metrics().get("hypervolume"));
            assertEquals("FINISHED", parent.tags().get("status"));
            for (TrackedRun child : runs) {
                if (child.parentRunId().isPresent()) {
                    assertEquals(parent.runId(), child.parentRunId().get());
                    assertEquals(
                            2,
                            remote.metricHistory(child.runId(), "train_loss").size(),
                            child.runName());
                    assertArrayEquals(
                            "compressed".getBytes(),
                            remote.downloadArtifact(child.runId(), "model/model.fqz"));
                }
            }
            TrackedRun t1 =
                    runs.stream()
                            .filter(r -> r.runName().equals("T1-b8"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(
                    "true",
                    t1.tags().get("pareto"),
                    "pareto tags set after T1 was mirrored arrive by sync");
            assertEquals(
                    "3",
                    runs.stream()
                            .filter(r -> r.runName().equals("T3-b8"))
                            .findFirst()
                            .orElseThrow()
                            .tags()
                            .get("pareto_rank"));
        }
    }
}
