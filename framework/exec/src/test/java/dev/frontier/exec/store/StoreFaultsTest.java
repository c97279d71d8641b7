package dev.frontier.exec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection on the run folder's cache: each case damages one entry of a finished run
 * (truncates, edits, flips bytes, removes the seal) and reruns. Every case must end with
 * exit-0-worthy results equal to the clean run's (nothing lost, nothing silently wrong), the
 * damaged entry moved aside under {@code corrupt/} and named once in the result's list of
 * recomputed entries.
 */
public class StoreFaultsTest {
    @TempDir static Path shared;

    @TempDir Path dir;

    /** The clean run every case starts from (copied per case). */
    static Path clean;

    static SweepResult cleanResult;

    public static Sweep sweep() {
        return Sweep.builder()
                .name("faults")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.6).finetuneEpochs(1))
                .quantize(q -> q.bits(8))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    public static SweepRunner runner(Path mlruns, ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + mlruns));
    }

    @BeforeAll
    static void cleanRun() throws IOException {
        clean = shared.resolve("clean");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        cleanResult = runner(shared.resolve("mlruns"), log).run(sweep(), clean);
        assertEquals(0, cleanResult.failedTrials(), log.toString());
        SweepResult.Work w = cleanResult.work();
        assertEquals(3, w.stagesHere(), "baseline, prune, quantize: " + w.describe());
        assertEquals(0, w.stagesReused(), "a fresh run folder reuses nothing: " + w.describe());
        assertEquals(2, w.trialsMeasured(), "baseline + 1 trial: " + w.describe());
        assertEquals(0, w.trialsReused());
    }

    /** A copy of the clean run to damage. */
    Path copy() throws IOException {
        Path run = dir.resolve("run");
        try (Stream<Path> s = Files.walk(clean)) {
            for (Path p : s.sorted().toList()) {
                Path t = run.resolve(clean.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(RunLock.NAME)) {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return run;
    }

    SweepResult rerun(Path run, ByteArrayOutputStream log) throws IOException {
        return runner(dir.resolve("mlruns"), log).run(sweep(), run);
    }

    static Path stageOf(Path run, String kind) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("stages"))) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                if (Files.readString(d.resolve("stage.yaml")).contains("kind: " + kind)) {
                    return d;
                }
            }
        }
        throw new AssertionError("no " + kind + " stage in " + run);
    }

    static Path trialRecord(Path run, Predicate<String> name) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("trials"))) {
            return s.filter(
                            p ->
                                    p.toString().endsWith(".yaml")
                                            && name.test(p.getFileName().toString()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    public static void truncate(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
    }

    /**
     * Same figures as the clean run, each size equal to its file's size, and the damage reported
     * once.
     */
    static void assertRecovered(SweepResult r, String log, String entryPrefix, Path run)
            throws IOException {
        assertEquals(0, r.failedTrials(), log);
        List<StageStore.CacheProblem> rec = r.work().recomputed();
        assertTrue(
                rec.stream().anyMatch(c -> c.entry().startsWith(entryPrefix)),
                entryPrefix + " not reported: " + rec);
        assertTrue(log.contains("moved aside and recomputed"), log);
        for (StageStore.CacheProblem c : rec) {
            assertTrue(
                    Files.exists(run.resolve(c.movedTo())), "kept for inspection: " + c.movedTo());
        }
        List<TrialOutcome> a = cleanResult.outcomes();
        List<TrialOutcome> b = r.outcomes();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(
                    a.get(i).metrics().get("accuracy"),
                    b.get(i).metrics().get("accuracy"),
                    1e-9,
                    b.get(i).name());
            assertEquals(
                    a.get(i).metrics().get("size_bytes"),
                    b.get(i).metrics().get("size_bytes"),
                    1e-9,
                    b.get(i).name());
        }
        for (TrialRecord t : r.trialRecords()) {
            Path model = Path.of(t.facts().get("model_file"));
            assertEquals(
                    (double) Files.size(model),
                    t.metrics().get("size_bytes"),
                    "size comes from the file " + model);
        }
    }

    @Test
    void truncatedStageModelFile_withItsRecordDeleted_isRecomputed() throws IOException {
        Path run = copy();
        Path q = stageOf(run, "QUANTIZE");
        truncate(q.resolve(StageStore.MODEL_FILE));
        Files.delete(trialRecord(run, n -> !n.startsWith("baseline")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "stages/" + q.getFileName(), run);
        assertEquals(1, r.work().stagesHere(), r.work().describe());
        assertTrue(
                r.work().recomputed().get(0).reason().contains("model.frontier"),
                r.work().recomputed().toString());
    }

    @Test
    void truncatedStageModelFile_withItsRecordKept_isNotReportedAtItsOldSize() throws IOException {
        Path run = copy();
        Path q = stageOf(run, "QUANTIZE");
        truncate(q.resolve(StageStore.MODEL_FILE));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "trials/", run);
        assertTrue(
                r.work().recomputed().stream()
                        .anyMatch(c -> c.entry().equals("stages/" + q.getFileName())),
                r.work().recomputed().toString());
        assertEquals(1, r.work().trialsMeasured(), r.work().describe());
    }

    @Test
    void truncatedBaselineCheckpoint_isRetrained() throws IOException {
        Path run = copy();
        Path base = stageOf(run, "TRAIN_BASELINE");
        truncate(base.resolve(StageStore.CHECKPOINT));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "stages/" + base.getFileName(), run);
        assertTrue(r.work().stagesHere() >= 1, r.work().describe());
    }

    @Test
    void flippedBytesInsideACheckpoint_areCaughtBeforeTheyBecomeNaN() throws IOException {
        Path run = copy();
        Path prune = stageOf(run, "PRUNE");
        Path ckpt = prune.resolve(StageStore.CHECKPOINT);
        byte[] b = Files.readAllBytes(ckpt);
        for (int i = 0; i < 64; i++) {
            b[b.length / 2 + i] ^= (byte) 0xFF;
        }
        Files.write(ckpt, b);
        // the trial's figures do not come from this stage: it is checked when a trial needs it
        // again
        Files.delete(trialRecord(run, n -> !n.startsWith("baseline")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "stages/" + prune.getFileName(), run);
        assertFalse(log.toString().contains("NaN"), log.toString());
        assertEquals(
                1,
                r.work().stagesHere(),
                "the pruning stage is computed again: " + r.work().describe());
    }

    @Test
    void editedAccuracyInATrialRecord_isDetectedAndMeasuredAgain() throws IOException {
        Path run = copy();
        Path rec = trialRecord(run, n -> !n.startsWith("baseline"));
        String text = Files.readString(rec);
        String edited = text.replaceFirst("(\\n  accuracy: )0\\.", "$10.1");
        assertFalse(edited.equals(text), "the record holds an accuracy line:\n" + text);
        Files.writeString(rec, edited);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "trials/" + rec.getFileName(), run);
        assertTrue(
                r.work().recomputed().get(0).reason().contains("checksum"),
                r.work().recomputed().toString());
        assertEquals(
                0, r.work().stagesHere(), "only the measurement is redone: " + r.work().describe());
    }

    @Test
    void truncatedTrialRecord_isMeasuredAgain() throws IOException {
        Path run = copy();
        Path rec = trialRecord(run, n -> n.startsWith("baseline"));
        truncate(rec);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "trials/" + rec.getFileName(), run);
    }

    @Test
    void recordWithoutChecksum_fromAnOlderFrontier_isMeasuredAgain() throws IOException {
        Path run = copy();
        Path rec = trialRecord(run, n -> !n.startsWith("baseline"));
        String text = Files.readString(rec);
        Files.writeString(rec, text.substring(0, text.lastIndexOf("sha256: ")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "trials/" + rec.getFileName(), run);
        assertTrue(
                r.work().recomputed().get(0).reason().contains("no checksum"),
                r.work().recomputed().toString());
    }

    @Test
    void stageFolderWithAnExtraOrMissingFile_isNotTrusted() throws IOException {
        Path run = copy();
        Path prune = stageOf(run, "PRUNE");
        Files.writeString(prune.resolve("stray.txt"), "x");
        Path q = stageOf(run, "QUANTIZE");
        Files.delete(q.resolve("stage.yaml"));
        Files.delete(trialRecord(run, n -> !n.startsWith("baseline")));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        assertRecovered(r, log.toString(), "stages/", run);
        String all = r.work().recomputed().toString();
        assertTrue(
                all.contains("stray.txt is not in") && all.contains("stage.yaml is missing"), all);
    }

    @Test
    void aChangedBaseline_remeasuresEveryRecord_ofTheOldPlan_withoutCallingThemCorrupt()
            throws IOException {
        Path run = copy();
        Sweep longer =
                Sweep.builder()
                        .name("faults")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(2).batchSize(64))
                        .prune(p -> p.ratio(0.6).finetuneEpochs(1))
                        .quantize(q -> q.bits(8))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(dir.resolve("mlruns"), log).run(longer, run);
        assertEquals(0, r.failedTrials(), log.toString());
        assertEquals(List.of(), r.work().recomputed(), "an older plan's records are not corrupt");
        assertEquals(
                0,
                r.work().trialsReused(),
                "the baseline trained longer: nothing measured before still holds");
        assertEquals(2, r.work().trialsMeasured(), r.work().describe());
        assertEquals(3, r.work().stagesHere(), r.work().describe());
        assertEquals(2.0, r.baselineRecords().get(0).metrics().get("train_epochs"));
    }

    @Test
    void cleanRerun_reusesEveryTrial_andCountsNothingAsRun() throws IOException {
        Path run = copy();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = rerun(run, log);
        SweepResult.Work w = r.work();
        assertEquals(List.of(), w.recomputed());
        assertEquals(0, w.stagesHere());
        assertEquals(0, w.trialsMeasured());
        assertEquals(2, w.trialsReused(), w.describe());
        assertTrue(
                w.describe().startsWith("stages run 0, reused 0; trials measured 0, reused 2"),
                w.describe());
    }

    @Test
    void secondWriter_isRefusedWithTheOwnersPid_andTheLockIsFreedAfterwards() throws IOException {
        Path run = dir.resolve("locked");
        try (StageStore first = StageStore.open(run)) {
            RunFolderBusyException e =
                    assertThrows(RunFolderBusyException.class, () -> StageStore.open(run));
            assertTrue(
                    e.getMessage().contains("pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("another --out"), e.getMessage());
            assertTrue(first.tookOverFrom().isEmpty());
        }
        try (StageStore again = StageStore.open(run)) {
            assertTrue(again.tookOverFrom().isEmpty(), "released cleanly, nothing taken over");
        }
    }

    @Test
    void lockOfADeadProcess_isTakenOver() throws IOException {
        Path run = dir.resolve("stale");
        Files.createDirectories(run);
        // what a process killed with -9 leaves: the lock file with its owner, but no lock held
        Files.writeString(
                run.resolve(RunLock.NAME), "pid 999999 on elsewhere since 2026-01-01T00:00:00Z\n");
        try (StageStore s = StageStore.open(run)) {
            assertEquals(
                    "pid 999999 on elsewhere since 2026-01-01T00:00:00Z",
                    s.tookOverFrom().orElseThrow());
            assertTrue(
                    Files.readString(run.resolve(RunLock.NAME))
                            .startsWith("pid " + ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondSweepIntoALockedFolder_failsBeforeWritingAnything() throws IOException {
        Path run = copy();
        try (StageStore owner = StageStore.open(run)) {
            Map<String, Long> before = sizes(run);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertThrows(RunFolderBusyException.class, () -> rerun(run, log));
            assertEquals(before, sizes(run));
        }
    }

    @Test
    void afterStopWrites_nothingIsCommittedOrRecorded() throws IOException {
        Path run = dir.resolve("stopped");
        try (StageStore s = StageStore.open(run)) {
            Path tmp = s.begin("abc");
            Files.writeString(tmp.resolve("stage.yaml"), "kind: PRUNE\n");
            s.stopWrites();
            IOException e = assertThrows(IOException.class, () -> s.commit("abc", tmp));
            assertTrue(e.getMessage().contains("not committed"), e.getMessage());
            assertFalse(Files.exists(s.stage("abc")));
            assertFalse(Files.exists(tmp), "the temporary folder is removed");
            TrialRecord rec =
                    new TrialRecord(
                            "t",
                            0,
                            "t",
                            "x",
                            true,
                            "",
                            Map.of(),
                            Map.of("accuracy", 0.5),
                            Map.of(),
                            Map.of());
            assertThrows(IOException.class, () -> s.write(rec));
            assertFalse(Files.exists(s.trialResult("t", 0)));
        }
    }

    @Test
    void sealedRecord_roundTrips_andAnyEditBreaksIt() throws IOException {
        Path f = dir.resolve("r.yaml");
        TrialRecord rec =
                new TrialRecord(
                        "t",
                        1,
                        "name",
                        "prune",
                        true,
                        "",
                        Map.of("a", "1"),
                        Map.of("accuracy", 0.75),
                        Map.of("runtime", "djl"),
                        Map.of("seed", "3"),
                        Map.of("x/y.bin", "00"));
        rec.write(f);
        assertEquals(rec, TrialRecord.read(f));
        String text = Files.readString(f, StandardCharsets.UTF_8);
        Files.writeString(f, text.replace("name: name", "name: nome"));
        CorruptCacheException e =
                assertThrows(CorruptCacheException.class, () -> TrialRecord.read(f));
        assertTrue(
                e.getMessage().startsWith(f.toString()) && e.getMessage().contains("checksum"),
                e.getMessage());
    }

    private static Map<String, Long> sizes(Path run) throws IOException {
        try (Stream<Path> s = Files.walk(run)) {
            java.util.TreeMap<String, Long> m = new java.util.TreeMap<>();
            for (Path p :
                    s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                m.put(run.relativize(p).toString(), Files.size(p));
            }
            return m;
        }
    }
}
