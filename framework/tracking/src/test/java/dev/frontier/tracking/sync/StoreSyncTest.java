package dev.frontier.tracking.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSyncTest {

    @TempDir Path dir;

    @Test
    void syncAll_twiceCreatesEachRunOnceAndMapsParents() throws Exception {
        FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
        String exp = source.getOrCreateExperiment("e");
        String parent = source.createRun(exp, NewRun.named("sweep", 1000));
        String child = source.createRun(exp, NewRun.named("T1", 1001).withParent(parent));
        source.logBatch(
                child,
                RunBatch.of(
                        Map.of("bits", "4"),
                        List.of(
                                new MetricPoint("loss", 0.9, 5, 0),
                                new MetricPoint("loss", 0.4, 6, 1)),
                        Map.of("pareto", "true")));
        source.logArtifact(child, "model/m.bin", Files.writeString(dir.resolve("m.bin"), "w"));
        source.endRun(child, RunStatus.FINISHED, 2000);
        source.endRun(parent, RunStatus.FINISHED, 2001);
        FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");

        SyncReport first = new StoreSync(source, target).syncAll();
        SyncReport second = new StoreSync(source, target).syncAll();

        assertEquals(new SyncReport(2, 0, 0, 0), first);
        assertEquals(new SyncReport(0, 0, 0, 2), second);
        String targetExp = target.findExperiment("e").orElseThrow();
        List<TrackedRun> copies = target.searchRuns(targetExp, Map.of());
        assertEquals(2, copies.size());
        TrackedRun parentCopy =
                copies.stream().filter(r -> r.runName().equals("sweep")).findFirst().orElseThrow();
        TrackedRun childCopy =
                copies.stream().filter(r -> r.runName().equals("T1")).findFirst().orElseThrow();
        assertEquals(parentCopy.runId(), childCopy.parentRunId().orElseThrow());
        assertEquals(child, childCopy.tags().get("frontier.source_run_id"));
        assertEquals(2, target.metricHistory(childCopy.runId(), "loss").size());
        assertEquals(RunStatus.FINISHED, childCopy.status());
        assertEquals("w", Files.readString(target.artifacts(childCopy.runId()).get(0).file()));
    }

    @Test
    void syncAll_movesAnOldFileStoreIntoTheSqliteStore_andBack_once() throws Exception {
        FileStore old = FileStore.open(dir.resolve("mlruns"), Clock.systemUTC(), "ana");
        String exp = old.getOrCreateExperiment("e");
        String parent = old.createRun(exp, NewRun.named("sweep", 1000));
        String child = old.createRun(exp, NewRun.named("T1", 1001).withParent(parent));
        old.logBatch(
                child,
                RunBatch.of(
                        Map.of("bits", "4"),
                        List.of(
                                new MetricPoint("loss", 0.9, 5, 0),
                                new MetricPoint("loss", 0.4, 6, 1)),
                        Map.of("pareto", "true")));
        old.logArtifact(child, "model/m.bin", Files.writeString(dir.resolve("m.bin"), "w"));
        old.endRun(child, RunStatus.FINISHED, 2000);
        old.endRun(parent, RunStatus.FINISHED, 2001);

        try (SqliteStore db =
                SqliteStore.open(dir.resolve("mlruns.db"), Clock.systemUTC(), "ana")) {
            assertEquals(new SyncReport(2, 0, 0, 0), new StoreSync(old, db).syncAll());
            assertEquals(new SyncReport(0, 0, 0, 2), new StoreSync(old, db).syncAll());
            String dbExp = db.findExperiment("e").orElseThrow();
            TrackedRun copy = db.searchRuns(dbExp, Map.of("frontier.source_run_id", child)).get(0);
            assertEquals(
                    db.searchRuns(dbExp, Map.of("frontier.source_run_id", parent)).get(0).runId(),
                    copy.parentRunId().orElseThrow());
            assertEquals(Map.of("bits", "4"), copy.params());
            assertEquals(0.4, copy.metrics().get("loss"));
            assertEquals("true", copy.tags().get("pareto"));
            assertEquals(RunStatus.FINISHED, copy.status());
            assertEquals("w", Files.readString(db.artifacts(copy.runId()).get(0).file()));

            FileStore back = FileStore.open(dir.resolve("back"), Clock.systemUTC(), "ana");
            assertEquals(new SyncReport(2, 0, 0, 0), new StoreSync(db, back).syncAll());
            TrackedRun round =
                    back.searchRuns(
                                    back.findExperiment("e").orElseThrow(),
                                    Map.of("frontier.source_run_id", copy.runId()))
                            .get(0);
            assertEquals(2, back.metricHistory(round.runId(), "loss").size());
        }
    }

    @Test
    void syncAll_fromSqlite_refusesARunStillRunning_namingIt() {
        try (SqliteStore db =
                SqliteStore.open(dir.resolve("mlruns.db"), Clock.systemUTC(), "ana")) {
            String exp = db.getOrCreateExperiment("e");
            String done = db.createRun(exp, NewRun.named("done", 1000));
            db.endRun(done, RunStatus.FINISHED, 1001);
            String running = db.createRun(exp, NewRun.named("running", 1002));
            FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");
            var e =
                    assertThrows(
                            TrackingException.class, () -> new StoreSync(db, target).syncAll());
            assertTrue(
                    e.getMessage().contains("run " + running + " (running) in experiment " + exp),
                    e.getMessage());
            assertEquals(
                    List.of("done"),
                    target.searchRuns(target.findExperiment("e").orElseThrow(), Map.of()).stream()
                            .map(TrackedRun::runName)
                            .toList());
        }
    }

    @Test
    void syncAll_tagChangedAfterFirstSyncUpdatesOnlyTags() {
        FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
        String exp = source.getOrCreateExperiment("e");
        String run = source.createRun(exp, NewRun.named("T1", 1000));
        source.logBatch(run, RunBatch.ofMetrics(List.of(new MetricPoint("acc", 0.9, 5, 0))));
        source.endRun(run, RunStatus.FINISHED, 2000);
        FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");
        new StoreSync(source, target).syncAll();

        source.setTags(run, Map.of("pareto", "true"));
        SyncReport again = new StoreSync(source, target).syncAll();

        assertEquals(new SyncReport(0, 0, 1, 0), again);
        TrackedRun copy =
                target.searchRuns(target.findExperiment("e").orElseThrow(), Map.of()).get(0);
        assertEquals("true", copy.tags().get("pareto"));
        assertEquals(1, target.metricHistory(copy.runId(), "acc").size());
    }

    @Test
    void syncAll_refusesPartialRunsAndTheirChildrenNamingEach_removesDeadLeftovers_pushesTheRest()
            throws Exception {
        FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
        String exp = source.getOrCreateExperiment("e");
        String good = source.createRun(exp, NewRun.named("good", 1000));
        source.logBatch(good, RunBatch.ofMetrics(List.of(new MetricPoint("acc", 0.9, 5, 0))));
        source.endRun(good, RunStatus.FINISHED, 2000);
        String empty = source.createRun(exp, NewRun.named("empty-metric", 1001));
        source.endRun(empty, RunStatus.FINISHED, 2000);
        Path expDir = dir.resolve("src").resolve(exp);
        Files.writeString(expDir.resolve(empty).resolve("metrics/hypervolume"), "");
        String half = source.createRun(exp, NewRun.named("half-line", 1002));
        source.endRun(half, RunStatus.FINISHED, 2000);
        Files.writeString(expDir.resolve(half).resolve("metrics/acc"), "1000 0.5 0\n17000");
        String dead = source.createRun(exp, NewRun.named("dead-sweep", 1003));
        Files.writeString(
                expDir.resolve(dead).resolve("tags/frontier.writer"),
                "2147483646@" + java.net.InetAddress.getLocalHost().getHostName());
        String orphan = source.createRun(exp, NewRun.named("child-of-dead", 1004).withParent(dead));
        source.endRun(orphan, RunStatus.FINISHED, 2000);
        Files.createDirectories(expDir.resolve("0123abcd/metrics"));
        Path leftoverFile =
                Files.writeString(
                        expDir.resolve(good)
                                .resolve(".tmp-2147483646-" + java.util.UUID.randomUUID()),
                        "x");
        Path oldLeftover =
                Files.writeString(
                        expDir.resolve(good)
                                .resolve("metrics/.acc.tmp-" + java.util.UUID.randomUUID()),
                        "17");
        Path leftoverStage =
                Files.createDirectories(
                        dir.resolve("src/.trash/.tmp-2147483646-" + java.util.UUID.randomUUID()));
        FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");

        var e =
                assertThrows(
                        TrackingException.class, () -> new StoreSync(source, target).syncAll());

        String m = e.getMessage();
        assertEquals(1, m.lines().count(), "one line: " + m);
        assertTrue(m.startsWith("refused 5 partial runs of " + dir.resolve("src")), m);
        assertTrue(
                m.contains(
                        "run "
                                + empty
                                + " (empty-metric) in experiment "
                                + exp
                                + ": metric 'hypervolume' is empty"),
                m);
        assertTrue(
                m.contains(
                        "run "
                                + half
                                + " (half-line) in experiment "
                                + exp
                                + ": metric 'acc' is malformed"),
                m);
        assertTrue(
                m.contains(
                        "run "
                                + dead
                                + " (dead-sweep) in experiment "
                                + exp
                                + ": it is still RUNNING but the process that wrote it (2147483646@"),
                m);
        assertTrue(
                m.contains(
                        "run "
                                + orphan
                                + " (child-of-dead) in experiment "
                                + exp
                                + ": its parent run "
                                + dead
                                + " is refused"),
                m);
        assertTrue(m.contains("run 0123abcd in experiment " + exp + ": it has no meta.yaml"), m);
        assertTrue(m.contains("1 runs: 1 created"), m);
        assertFalse(
                Files.exists(leftoverFile)
                        || Files.exists(oldLeftover)
                        || Files.exists(leftoverStage));
        assertTrue(m.contains("removed leftover temporary folder " + leftoverStage), m);
        List<TrackedRun> pushed =
                target.searchRuns(target.findExperiment("e").orElseThrow(), Map.of());
        assertEquals(List.of("good"), pushed.stream().map(TrackedRun::runName).toList());
        assertEquals(
                List.of(new MetricPoint("acc", 0.9, 5, 0)),
                target.metricHistory(pushed.get(0).runId(), "acc"));
    }

    @Test
    void syncAll_runStillWrittenByALiveProcessIsRefusedAsInProgress() {
        FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
        String exp = source.getOrCreateExperiment("e");
        String running = source.createRun(exp, NewRun.named("live", 1000));
        FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");

        var e =
                assertThrows(
                        TrackingException.class, () -> new StoreSync(source, target).syncAll());

        assertTrue(
                e.getMessage()
                        .contains(
                                "run "
                                        + running
                                        + " (live) in experiment "
                                        + exp
                                        + ": it is still RUNNING in process "
                                        + ProcessHandle.current().pid()),
                e.getMessage());
        assertEquals(java.util.Optional.empty(), target.findExperiment("e"), "nothing pushed");
    }
}
