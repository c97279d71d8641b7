package dev.frontier.tracking.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.CompleteRun;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @TempDir Path dir;

    @Test
    void open_createsDefaultExperimentZeroAndTrash() throws Exception {
        FileStore.open(dir.resolve("mlruns"), CLOCK, "ana");
        String meta = Files.readString(dir.resolve("mlruns/0/meta.yaml"));
        assertTrue(meta.contains("name: Default"), meta);
        assertTrue(meta.contains("experiment_id: '0'"), meta);
        assertTrue(Files.isDirectory(dir.resolve("mlruns/.trash")));
    }

    @Test
    void getOrCreateExperiment_tagsTheExperimentKind_alsoOnOneMadeBeforeTheTag() throws Exception {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String id = store.getOrCreateExperiment("mnist");
        Path tag = dir.resolve(id).resolve("tags/mlflow.experimentKind");
        assertEquals("custom_model_development", Files.readString(tag));
        Files.delete(tag); // as in a store written before Frontier tagged its experiments
        assertEquals(id, store.getOrCreateExperiment("mnist"));
        assertEquals("custom_model_development", Files.readString(tag));
        assertEquals(
                List.of(id),
                store.experiments().stream().skip(1).map(e -> e.experimentId()).toList());
        assertEquals(List.of(), store.runIds(id)); // the tags folder is not a run
    }

    @Test
    void getOrCreateExperiment_writesMetaOnceAndFindsItAfterReopen() throws Exception {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String id = store.getOrCreateExperiment("mnist: prune");
        assertEquals("1", id);
        assertEquals(id, store.getOrCreateExperiment("mnist: prune"));
        assertEquals("2", store.getOrCreateExperiment("other"));
        String meta = Files.readString(dir.resolve("1/meta.yaml"));
        assertTrue(
                meta.contains(
                        "artifact_location: "
                                + dir.resolve("1").toUri().toString().replaceAll("/$", "")),
                meta);
        assertTrue(meta.contains("lifecycle_stage: active"), meta);
        assertTrue(meta.contains("creation_time: 1700000000000"), meta);
        assertEquals(
                java.util.Optional.of("1"),
                FileStore.open(dir, CLOCK, "ana").findExperiment("mnist: prune"));
    }

    @Test
    void createRun_writesMlflowRunLayoutWithParentAndNameTags() throws Exception {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String parent = store.createRun(exp, NewRun.named("sweep", 1000));
        String child = store.createRun(exp, NewRun.named("T4-r0.9-b4", 2000).withParent(parent));
        Path runDir = dir.resolve(exp).resolve(child);
        assertTrue(child.matches("[0-9a-f]{32}"), child);
        for (String folder : List.of("params", "metrics", "tags", "artifacts")) {
            assertTrue(Files.isDirectory(runDir.resolve(folder)), folder);
        }
        assertEquals(parent, Files.readString(runDir.resolve("tags/mlflow.parentRunId")));
        assertEquals("T4-r0.9-b4", Files.readString(runDir.resolve("tags/mlflow.runName")));
        assertEquals("ana", Files.readString(runDir.resolve("tags/mlflow.user")));
        String meta = Files.readString(runDir.resolve("meta.yaml"));
        assertTrue(meta.contains("status: 1"), meta);
        assertTrue(meta.contains("start_time: 2000"), meta);
        assertTrue(meta.contains("experiment_id: '" + exp + "'"), meta);
        assertTrue(meta.contains("run_id: " + child), meta);
    }

    @Test
    void logBatch_writesParamsTagsAndMetricLinesTimestampValueStep() throws Exception {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String run = store.createRun(exp, NewRun.named("r", 1000));
        store.logBatch(
                run,
                RunBatch.of(
                        Map.of("prune.ratio", "0.9"),
                        List.of(
                                new MetricPoint("train/loss", 0.5, 1001, 0),
                                new MetricPoint("train/loss", 0.25, 1002, 1),
                                new MetricPoint("acc", Double.NaN, 1003, 0)),
                        Map.of("pareto", "true")));
        Path runDir = dir.resolve(exp).resolve(run);
        assertEquals("0.9", Files.readString(runDir.resolve("params/prune.ratio")));
        assertEquals("true", Files.readString(runDir.resolve("tags/pareto")));
        assertEquals(
                "1001 0.5 0\n1002 0.25 1\n",
                Files.readString(runDir.resolve("metrics/train/loss")));
        assertEquals("1003 nan 0\n", Files.readString(runDir.resolve("metrics/acc")));
    }

    @Test
    void logBatch_identicalMetricPointTwiceKeepsOneLine() throws Exception {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String run = store.createRun(exp, NewRun.named("r", 1000));
        RunBatch batch =
                RunBatch.of(Map.of("a", "1"), List.of(new MetricPoint("m", 1.5, 7, 2)), Map.of());
        store.logBatch(run, batch);
        store.logBatch(run, batch);
        assertEquals(1, store.metricHistory(run, "m").size());
        assertEquals(
                "7 1.5 2\n", Files.readString(dir.resolve(exp).resolve(run).resolve("metrics/m")));
    }

    @Test
    void logBatch_changedParamValueFailsNamingRunAndParam() {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String run = store.createRun(store.getOrCreateExperiment("e"), NewRun.named("r", 1000));
        store.logBatch(run, RunBatch.ofParams(Map.of("bits", "8")));
        var e =
                assertThrows(
                        TrackingException.class,
                        () -> store.logBatch(run, RunBatch.ofParams(Map.of("bits", "4"))));
        assertTrue(
                e.getMessage().contains(run) && e.getMessage().contains("'bits' = '8'"),
                e.getMessage());
    }

    @Test
    void endRun_writesStatusCodeAndEndTime_getRunReadsItBack() {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String run = store.createRun(exp, NewRun.named("r", 1000));
        store.logBatch(
                run,
                RunBatch.ofMetrics(
                        List.of(
                                new MetricPoint("acc", 0.7, 10, 0),
                                new MetricPoint("acc", 0.9, 11, 3),
                                new MetricPoint("acc", 0.8, 12, 2))));
        store.endRun(run, RunStatus.FAILED, 5000);
        TrackedRun read = store.getRun(run);
        assertEquals(RunStatus.FAILED, read.status());
        assertEquals(OptionalLong.of(5000), read.endTimeMillis());
        assertEquals(0.9, read.metrics().get("acc"), "latest = highest step");
        assertEquals("r", read.runName());
    }

    @Test
    void logArtifact_copiesUnderArtifactsKeepingFolders() throws Exception {
        FileStore store = FileStore.open(dir.resolve("store"), CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String run = store.createRun(exp, NewRun.named("r", 1000));
        Path model = Files.writeString(dir.resolve("model.bin"), "weights");
        store.logArtifact(run, "model/model.bin", model);
        assertEquals(
                "weights",
                Files.readString(
                        dir.resolve("store")
                                .resolve(exp)
                                .resolve(run)
                                .resolve("artifacts/model/model.bin")));
        assertEquals(
                List.of("model/model.bin"),
                store.artifacts(run).stream().map(StoredArtifact::artifactPath).toList());
        assertThrows(IllegalArgumentException.class, () -> store.logArtifact(run, "../x", model));
    }

    @Test
    void searchRuns_filtersByTagsOldestFirst() {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        String exp = store.getOrCreateExperiment("e");
        String parent = store.createRun(exp, NewRun.named("p", 1000));
        String late = store.createRun(exp, NewRun.named("b", 3000).withParent(parent));
        String early = store.createRun(exp, NewRun.named("a", 2000).withParent(parent));
        List<TrackedRun> children = store.searchRuns(exp, Map.of("mlflow.parentRunId", parent));
        assertEquals(List.of(early, late), children.stream().map(TrackedRun::runId).toList());
        assertFalse(store.searchRuns(exp, Map.of()).isEmpty());
    }

    @Test
    void getRun_unknownRunNamesStoreAndId() {
        FileStore store = FileStore.open(dir, CLOCK, "ana");
        var e = assertThrows(TrackingException.class, () -> store.getRun("deadbeef"));
        assertTrue(
                e.getMessage().contains("deadbeef") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void createCompleteRun_diskFullMidRun_publishesNothingAndNamesTheFile() throws Exception {
        // 700 bytes as before the experiment kind tags, 24 for each of the two experiments
        FileStore store = FileStore.open(dir, CLOCK, "ana", new FullDisk(748));
        String exp = store.getOrCreateExperiment("e");
        var metrics = new java.util.ArrayList<MetricPoint>();
        for (int i = 0; i < 28; i++) {
            metrics.add(new MetricPoint("metric_" + i, 0.25 + i, 1000, 0));
        }
        var run =
                new CompleteRun(
                        NewRun.named("T1", 1000),
                        RunBatch.of(Map.of("bits", "4"), metrics, Map.of()),
                        List.of(),
                        RunStatus.FINISHED,
                        2000);

        var e = assertThrows(TrackingException.class, () -> store.createCompleteRun(exp, run));

        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertTrue(
                e.getMessage().contains("cannot write run 'T1' (" + dir.resolve(exp)),
                e.getMessage());
        assertTrue(
                e.getMessage().contains(dir.resolve(".trash").toString())
                        && e.getMessage().contains("metrics/metric_"),
                "names the file that failed: " + e.getMessage());
        assertEquals(List.of(), store.runIds(exp), "no half run is published");
        try (var left = Files.list(dir.resolve(".trash"))) {
            assertEquals(0, left.count(), "the staging folder is removed");
        }
        assertEquals(Map.of(), StoreCheck.run(store).partialRuns());
    }

    @Test
    void logBatch_diskFullWhileAddingMetricPoints_keepsTheWholeOldFile() throws Exception {
        var disk = new FullDisk(100_000);
        FileStore store = FileStore.open(dir, CLOCK, "ana", disk);
        String exp = store.getOrCreateExperiment("e");
        String run = store.createRun(exp, NewRun.named("r", 1000));
        store.logBatch(run, RunBatch.ofMetrics(List.of(new MetricPoint("loss", 0.5, 1001, 0))));
        Path file = dir.resolve(exp).resolve(run).resolve("metrics/loss");
        String before = Files.readString(file);
        FileStore full = FileStore.open(dir, CLOCK, "ana", new FullDisk(20));

        var e =
                assertThrows(
                        TrackingException.class,
                        () ->
                                full.logBatch(
                                        run,
                                        RunBatch.ofMetrics(
                                                List.of(
                                                        new MetricPoint("loss", 0.25, 1002, 1),
                                                        new MetricPoint(
                                                                "hypervolume", 0.42, 1002, 0)))));

        assertTrue(
                e.getMessage().contains("cannot write " + file)
                        && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertEquals("1001 0.5 0\n", before);
        assertEquals(before, Files.readString(file), "the old content, whole");
        assertFalse(Files.exists(file.resolveSibling("hypervolume")), "no empty metric file");
        try (var files = Files.walk(dir.resolve(exp).resolve(run))) {
            assertEquals(
                    List.of(),
                    files.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList(),
                    "no temporary file left");
        }
        assertEquals(
                List.of(new MetricPoint("loss", 0.5, 1001, 0)), store.metricHistory(run, "loss"));
    }
}
