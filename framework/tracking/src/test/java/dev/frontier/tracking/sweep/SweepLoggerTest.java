package dev.frontier.tracking.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.file.FullDisk;
import dev.frontier.tracking.file.StoreCheck;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLoggerTest {

    @TempDir Path dir;

    static SweepStart start(String sweepId) {
        return new SweepStart(
                "mnist",
                sweepId,
                "sweep-" + sweepId,
                "abc123",
                "deadbeef",
                "0.1.0",
                Map.of("epochs", "3"),
                List.of());
    }

    static TrialRecord trial(String id, double accuracy) {
        var params = new LinkedHashMap<String, String>();
        params.put("prune.ratio", "0.9");
        params.put("quantize.bits", "4");
        return TrialRecord.ok(
                id,
                RunNames.forTrial(id, params),
                "prune+quantize",
                params,
                Map.of("accuracy", accuracy, "size_mb", 1.5),
                Map.of("train_loss", List.of(0.9, 0.5, 0.3)),
                List.of());
    }

    private SweepTracking fileTracking() {
        return SweepTracking.open(
                TrackingUri.ofDirectory(dir.resolve("mlruns")),
                dir,
                dir.resolve("unused"),
                Map.of(),
                Clock.systemUTC());
    }

    @Test
    void parentRun_startsWhenTheSweepStarted_soItShowsTheSweepsRealDuration() {
        long started = System.currentTimeMillis() - 36_000;
        SweepStart s = start("timed");
        SweepStart timed =
                new SweepStart(
                        s.experimentName(),
                        s.sweepId(),
                        s.runName(),
                        s.specHash(),
                        s.gitCommit(),
                        s.frontierVersion(),
                        s.params(),
                        s.artifacts(),
                        started);
        SweepLogReport report;
        try (SweepLogger log = SweepLogger.start(fileTracking(), timed)) {
            log.logTrial(trial("T1", 0.91));
            report = log.finish(SweepFinish.finished(Map.of(), Map.of("T1", 1), List.of()));
        }
        TrackedRun parent =
                FileStore.open(dir.resolve("mlruns")).getRun(report.parentRunId().orElseThrow());
        assertEquals(started, parent.startTimeMillis());
        long duration = parent.endTimeMillis().orElseThrow() - parent.startTimeMillis();
        assertTrue(duration >= 36_000 && duration < 120_000, "duration " + duration + " ms");
    }

    @Test
    void sweep_writesParentWithChildPerTrialParetoTagsAndSummary() throws Exception {
        Path csv = Files.writeString(dir.resolve("frontier.csv"), "trial,accuracy\nT1,0.9\n");
        SweepLogReport report;
        try (SweepLogger log = SweepLogger.start(fileTracking(), start("s1"))) {
            log.logTrial(trial("T1", 0.91));
            log.logTrial(trial("T2", 0.85));
            log.logTrial(
                    TrialRecord.failed(
                            "T3",
                            "T3-r0.99",
                            "prune",
                            Map.of("prune.ratio", "0.99"),
                            "loss diverged"));
            report =
                    log.finish(
                            SweepFinish.finished(
                                    Map.of("hypervolume", 0.42, "trials_failed", 1.0),
                                    Map.of("T1", 1, "T2", 2, "T3", 0),
                                    List.of(ArtifactFile.of("frontier.csv", csv))));
        }
        assertEquals(List.of(), report.problems());
        FileStore store = FileStore.open(dir.resolve("mlruns"));
        String exp = store.findExperiment("mnist").orElseThrow();
        TrackedRun parent = store.getRun(report.parentRunId().orElseThrow());
        assertEquals(RunStatus.FINISHED, parent.status());
        assertEquals(0.42, parent.metrics().get("hypervolume"));
        assertEquals("deadbeef", parent.tags().get("mlflow.source.git.commit"));
        assertEquals("abc123", parent.tags().get(SweepTags.SPEC_HASH));
        assertEquals("FINISHED", parent.tags().get(SweepTags.STATUS));
        assertEquals("3", parent.params().get("epochs"));
        List<TrackedRun> children =
                store.searchRuns(exp, Map.of("mlflow.parentRunId", parent.runId()));
        assertEquals(3, children.size());
        TrackedRun t1 = store.getRun(report.childRunIds().get("T1"));
        assertEquals("T1-r0.9-b4", t1.runName());
        assertEquals("true", t1.tags().get(SweepTags.PARETO));
        assertEquals("1", t1.tags().get(SweepTags.PARETO_RANK));
        assertEquals(0.91, t1.metrics().get("accuracy"));
        assertEquals(
                List.of(0L, 1L, 2L),
                store.metricHistory(t1.runId(), "train_loss").stream()
                        .map(MetricPoint::step)
                        .toList());
        TrackedRun t2 = store.getRun(report.childRunIds().get("T2"));
        assertEquals("false", t2.tags().get(SweepTags.PARETO));
        TrackedRun t3 = store.getRun(report.childRunIds().get("T3"));
        assertEquals(RunStatus.FAILED, t3.status());
        assertEquals("loss diverged", t3.tags().get(SweepTags.FAILURE_REASON));
        assertEquals(
                List.of("frontier.csv"),
                store.artifacts(parent.runId()).stream().map(a -> a.artifactPath()).toList());
    }

    @Test
    void rerunWithSameSweepId_reusesParentAndDoesNotDuplicateFinishedTrials() {
        String firstParent;
        try (SweepLogger log = SweepLogger.start(fileTracking(), start("s2"))) {
            log.logTrial(trial("T1", 0.91));
            firstParent = log.parentRunId().orElseThrow();
            // interrupted: no finish
        }
        FileStore store = FileStore.open(dir.resolve("mlruns"));
        assertEquals(RunStatus.KILLED, store.getRun(firstParent).status());
        SweepLogReport report;
        try (SweepLogger log = SweepLogger.start(fileTracking(), start("s2"))) {
            log.logTrial(trial("T1", 0.91));
            log.logTrial(trial("T2", 0.8));
            report =
                    log.finish(SweepFinish.finished(Map.of(), Map.of("T1", 1, "T2", 1), List.of()));
        }
        assertEquals(firstParent, report.parentRunId().orElseThrow());
        String exp = store.findExperiment("mnist").orElseThrow();
        assertEquals(3, store.searchRuns(exp, Map.of()).size(), "1 parent + 2 children");
        assertEquals(1, store.metricHistory(report.childRunIds().get("T1"), "accuracy").size());
        assertEquals(RunStatus.FINISHED, store.getRun(firstParent).status());
    }

    @Test
    void deadServer_neitherThrowsNorLosesLocalRunsAndSaysHowToSync() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TrackingUri uri = new TrackingUri("http://127.0.0.1:" + closedPort);
        RetryPolicy quick =
                new RetryPolicy(
                        2,
                        Duration.ofMillis(10),
                        Duration.ofMillis(20),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(2));
        var tracking =
                new SweepTracking(
                        FileStore.open(dir.resolve("buffer")),
                        Optional.of(RestStore.open(uri, quick, Map.of())),
                        Clock.systemUTC());
        long began = System.nanoTime();
        SweepLogReport report;
        try (SweepLogger log = SweepLogger.start(tracking, start("s3"))) {
            log.logTrial(trial("T1", 0.9));
            log.logTrial(trial("T2", 0.8));
            report =
                    log.finish(
                            SweepFinish.finished(
                                    Map.of("hypervolume", 0.1),
                                    Map.of("T1", 1, "T2", 1),
                                    List.of()));
        }
        assertTrue(
                Duration.ofNanos(System.nanoTime() - began).toSeconds() < 20,
                "bounded by retries and time-outs");
        assertFalse(report.mirrored());
        assertFalse(report.problems().isEmpty());
        assertTrue(
                report.nextStep()
                        .orElseThrow()
                        .contains("frontier sync --from " + dir.resolve("buffer")),
                report.nextStep().get());
        FileStore buffer = FileStore.open(dir.resolve("buffer"));
        assertEquals(
                3,
                buffer.searchRuns(buffer.findExperiment("mnist").orElseThrow(), Map.of()).size());
    }

    @Test
    void diskFull_logTrialThrowsNamingTheFile_noHalfChild_parentLeftDetectablyRunning()
            throws Exception {
        var disk = new FullDisk(64 * 1024 + 8_000);
        Path store = dir.resolve("mlruns");
        var tracking =
                new SweepTracking(
                        FileStore.open(store, Clock.systemUTC(), "ana", disk),
                        Optional.empty(),
                        Clock.systemUTC());
        Path model = Files.write(dir.resolve("model.fqz"), new byte[20_000]);
        String parent;
        String t1;
        TrackingException e;
        try (SweepLogger log = SweepLogger.start(tracking, start("s4"))) {
            parent = log.parentRunId().orElseThrow();
            t1 = log.logTrial(trial("T1", 0.9)).orElseThrow();
            e =
                    assertThrows(
                            TrackingException.class,
                            () ->
                                    log.logTrial(
                                            TrialRecord.ok(
                                                    "T2",
                                                    "T2-b4",
                                                    "quantize",
                                                    Map.of("quantize.bits", "4"),
                                                    Map.of("accuracy", 0.8),
                                                    Map.of(),
                                                    List.of(ArtifactFile.in("model", model)))));
            assertThrows(
                    IllegalStateException.class,
                    () -> log.logTrial(trial("T3", 0.7)),
                    "nothing more after a failure");
        }
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "sweep s4: cannot write trial T2 (T2-b4) to the local MLflow store "
                                        + store),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("artifacts/model/model.fqz: No space left on device"),
                e.getMessage());
        FileStore read = FileStore.open(store);
        String exp = read.findExperiment("mnist").orElseThrow();
        assertEquals(
                List.of(parent, t1).stream().sorted().toList(),
                read.runIds(exp),
                "T2 is absent, not half there");
        assertEquals(RunStatus.FINISHED, read.getRun(t1).status());
        assertEquals(0.9, read.getRun(t1).metrics().get("accuracy"));
        try (var files = Files.walk(store)) {
            assertEquals(
                    List.of(),
                    files.filter(
                                    f ->
                                            f.toString().contains("/metrics/")
                                                    && f.toFile().length() == 0)
                            .toList());
        }
        // the simulated disk gives nothing back, so even the FAILED mark did not fit: the parent
        // stays RUNNING with its
        // writer recorded, which sync refuses
        assertEquals(RunStatus.RUNNING, read.getRun(parent).status());
        var partial = StoreCheck.run(read).partialRuns();
        assertEquals(List.of(parent), List.copyOf(partial.keySet()));
        assertTrue(
                partial.get(parent)
                        .reason()
                        .contains("still RUNNING in process " + ProcessHandle.current().pid()),
                partial.get(parent).reason());
    }

    @Test
    void diskAlreadyFull_startThrowsNamingTheStore() {
        var tracking =
                new SweepTracking(
                        FileStore.open(
                                dir.resolve("mlruns"),
                                Clock.systemUTC(),
                                "ana",
                                new FullDisk(10_000)),
                        Optional.empty(),
                        Clock.systemUTC());
        var e =
                assertThrows(
                        TrackingException.class, () -> SweepLogger.start(tracking, start("s5")));
        assertTrue(
                e.getMessage()
                                .contains(
                                        "cannot start its parent run in the local MLflow store "
                                                + dir.resolve("mlruns"))
                        && e.getMessage().contains("No space left on device"),
                e.getMessage());
    }
}
