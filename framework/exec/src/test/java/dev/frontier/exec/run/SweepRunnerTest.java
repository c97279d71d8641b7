package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.store.Yaml;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SweepRunnerTest {
    @TempDir Path dir;

    static Sweep tiny(String name, Backend runtime, int... bits) {
        return Sweep.builder()
                .name(name)
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(7)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.5, 0.8).finetuneEpochs(1))
                .quantize(q -> q.bits(bits))
                .runtime(runtime)
                .build();
    }

    SweepRunner runner(ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    @Test
    void run_measuresEveryTrialAndRerunReusesEverything() throws IOException {
        Sweep sweep = tiny("tiny", Backend.DJL_PYTORCH, 8, 4);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult first = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(5, first.outcomes().size(), "baseline + 4 trials");
        assertEquals(0, first.failedTrials(), log.toString());
        for (TrialOutcome o : first.outcomes()) {
            assertTrue(o.metrics().get("accuracy") > 0.5, o.name() + " " + o.metrics());
            assertTrue(o.metrics().get("size_bytes") > 0);
            assertTrue(o.metrics().get("latency_p50_ms") > 0);
            assertEquals("fp32", o.params().get("kernel_precision"));
        }
        TrialOutcome pruned =
                first.outcomes().stream()
                        .filter(o -> o.name().contains("r0.8-b4"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(0.8, pruned.metrics().get("sparsity"), 0.05);
        assertTrue(
                pruned.metrics().get("compression_ratio") > 8,
                "ratio " + pruned.metrics().get("compression_ratio"));
        assertTrue(Files.isRegularFile(first.files().resultsCsv()));
        assertTrue(Files.isRegularFile(first.files().report()));
        assertEquals(1 + 2 + 4, first.stagesRun(), "baseline, prune x2, quantize x4");

        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        SweepResult second = runner(log2).run(sweep, dir.resolve("run"));
        assertEquals(0, second.stagesRun(), log2.toString());
        assertEquals(5, second.trialsReused());
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    first.outcomes().get(i).metrics().get("accuracy"),
                    second.outcomes().get(i).metrics().get("accuracy"));
        }
    }

    @Test
    void pruneThenQat_keepsTheSparsityAskedFor_andRecordsTargetAndEpochs() throws IOException {
        // QAT trains the pruned model; without the training loop's zero guard it regrew pruned
        // weights
        Sweep sweep =
                Sweep.builder()
                        .name("prune-qat")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(
                                p ->
                                        p.ratio(0.9)
                                                .schedule(dev.frontier.spec.Prune.Schedule.GRADUAL)
                                                .finetuneEpochs(1))
                        .quantize(
                                q ->
                                        q.bits(4)
                                                .mode(dev.frontier.spec.Quantize.Mode.QAT)
                                                .qatEpochs(1))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        TrialOutcome t = r.outcomes().get(1);
        double target = t.metrics().get("sparsity_target");
        // 90% of every layer but the classifier (excluded by default), which holds a few % of the
        // weights
        assertTrue(target > 0.85 && target < 0.9, "target " + target);
        assertEquals(
                target,
                t.metrics().get("sparsity"),
                TrialFacts.SPARSITY_TOLERANCE,
                "measured in the file");
        assertEquals(3.0, t.metrics().get("train_epochs"), "baseline 1 + fine-tune 1 + QAT 1");
        assertEquals(2.0, t.metrics().get("extra_epochs"));
        assertTrue(
                r.warnings().stream().noneMatch(w -> w.contains("sparsity")),
                r.warnings().toString());
    }

    @Test
    void fineTuningAndQatLearningRates_andTheRampEnd_reachTheStages() throws IOException {
        Sweep sweep =
                Sweep.builder()
                        .name("knobs")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(
                                p ->
                                        p.ratio(0.8)
                                                .schedule(dev.frontier.spec.Prune.Schedule.GRADUAL)
                                                .finetuneEpochs(1)
                                                .finetuneLr(0.01)
                                                .rampEnd(0.5))
                        .quantize(
                                q ->
                                        q.bits(4)
                                                .mode(dev.frontier.spec.Quantize.Mode.QAT)
                                                .qatEpochs(1)
                                                .qatLr(1e-4))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        Map<String, Object> prune = stageMeta(r, dev.frontier.plan.StageKind.pass("prune"));
        assertEquals(0.01, ((Number) prune.get("lr")).doubleValue());
        int steps = ((Number) prune.get("steps")).intValue();
        assertEquals((540 + 63) / 64, steps, "540 training images in batches of 64, 1 epoch");
        assertEquals(steps / 2, ((Number) prune.get("ramp_end_step")).intValue());
        assertEquals(
                1e-4,
                ((Number) stageMeta(r, dev.frontier.plan.StageKind.pass("quantize")).get("lr"))
                        .doubleValue());
        assertEquals(
                r.outcomes().get(1).metrics().get("sparsity_target"),
                r.outcomes().get(1).metrics().get("sparsity"),
                TrialFacts.SPARSITY_TOLERANCE,
                "the ramp ended early, the target was reached");

        Sweep defaults =
                Sweep.builder()
                        .name("defaults")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64).lr(0.003))
                        .prune(
                                p ->
                                        p.ratio(0.8)
                                                .schedule(dev.frontier.spec.Prune.Schedule.GRADUAL)
                                                .finetuneEpochs(1))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        SweepResult d = runner(log).run(defaults, dir.resolve("defaults"));
        Map<String, Object> keeps = stageMeta(d, dev.frontier.plan.StageKind.pass("prune"));
        assertEquals(
                0.003, ((Number) keeps.get("lr")).doubleValue(), "the training's learning rate");
        assertEquals((int) (steps * 0.75), ((Number) keeps.get("ramp_end_step")).intValue());
    }

    private static Map<String, Object> stageMeta(SweepResult r, dev.frontier.plan.StageKind kind)
            throws IOException {
        dev.frontier.plan.Stage s =
                r.plan().stages().stream()
                        .filter(x -> x.kind().equals(kind))
                        .findFirst()
                        .orElseThrow();
        Path file = r.runDirectory().resolve("stages").resolve(s.key()).resolve("stage.yaml");
        return Yaml.load(Files.readString(file), file.toString());
    }

    @Test
    void warnings_flagSparsityOffTarget_andATrialThatBeatsAnUndertrainedBaseline() {
        TrialOutcome base =
                new TrialOutcome(
                        "baseline",
                        "baseline",
                        "baseline",
                        dev.frontier.analysis.TrialStatus.OK,
                        "",
                        Map.of(),
                        Map.of(
                                "accuracy",
                                0.80,
                                "accuracy_ci_low",
                                0.78,
                                "accuracy_ci_high",
                                0.82));
        TrialOutcome regrown =
                new TrialOutcome(
                        "a",
                        "r0.9-b4",
                        "prune+quant",
                        dev.frontier.analysis.TrialStatus.OK,
                        "",
                        Map.of(),
                        Map.of(
                                "accuracy",
                                0.80,
                                "sparsity_target",
                                0.9,
                                "sparsity",
                                0.828,
                                "extra_epochs",
                                2.0));
        TrialOutcome better =
                new TrialOutcome(
                        "b",
                        "r0.5-b8",
                        "prune+quant",
                        dev.frontier.analysis.TrialStatus.OK,
                        "",
                        Map.of(),
                        Map.of(
                                "accuracy",
                                0.83,
                                "sparsity_target",
                                0.5,
                                "sparsity",
                                0.497,
                                "extra_epochs",
                                2.0));
        TrialOutcome sameEpochs =
                new TrialOutcome(
                        "c",
                        "b8",
                        "quant",
                        dev.frontier.analysis.TrialStatus.OK,
                        "",
                        Map.of(),
                        Map.of("accuracy", 0.83, "extra_epochs", 0.0));
        java.util.List<String> w =
                SweepRunner.warnings(java.util.List.of(base, regrown, better, sameEpochs));
        assertEquals(2, w.size(), w.toString());
        assertTrue(
                w.get(0)
                        .startsWith(
                                "r0.9-b4: sparsity 82.8% measured in its file, 90.0% asked for"),
                w.get(0));
        assertTrue(
                w.get(1)
                        .startsWith(
                                "r0.5-b8: 83.00% beats the baseline's 95% CI (up to 82.00%) after 2 more"),
                w.get(1));
        assertTrue(w.get(1).endsWith("baseline may be undertrained"), w.get(1));
    }

    @Test
    void workerProcesses_computeTheSameResultsAsInProcess() throws IOException {
        Sweep sweep = tiny("workers", Backend.DJL_PYTORCH, 8, 4);
        Sweep parallel =
                Sweep.builder()
                        .name("workers")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(2)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(0.5, 0.8).finetuneEpochs(1))
                        .quantize(q -> q.bits(8, 4))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult a = runner(log).run(parallel, dir.resolve("parallel"));
        assertEquals(0, a.failedTrials(), log.toString());
        assertEquals(0, a.stagesRun(), "every stage ran in a worker process");
        assertTrue(Files.isRegularFile(dir.resolve("parallel/workers/worker-1.log")));
        assertTrue(log.toString().contains("on worker 2"), log.toString());
        SweepResult b = runner(new ByteArrayOutputStream()).run(sweep, dir.resolve("serial"));
        for (int i = 0; i < a.outcomes().size(); i++) {
            assertEquals(
                    b.outcomes().get(i).metrics().get("accuracy"),
                    a.outcomes().get(i).metrics().get("accuracy"),
                    a.outcomes().get(i).name());
        }
    }

    @Test
    void stageOverItsTimeout_isKilledAndItsTrialsFail() throws IOException {
        Sweep sweep =
                Sweep.builder()
                        .name("slow")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(0.5).finetuneEpochs(1_000_000))
                        .runtime(Backend.DJL_PYTORCH)
                        .build(); // never ends in time
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r =
                new SweepRunner(
                                new PrintStream(log, true),
                                false,
                                BenchSettings.quick(),
                                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")))
                        .withStageTimeout(java.time.Duration.ofSeconds(8))
                        .run(sweep, dir.resolve("run"));
        assertEquals(1, r.failedTrials(), log.toString());
        TrialOutcome t = r.outcomes().get(1);
        assertTrue(t.failureReason().contains("prune stage timed out after 8s"), t.failureReason());
        assertTrue(r.outcomes().get(0).isOk(), "the baseline is measured");
    }

    @Test
    void run_logsParentAndChildRunsToTheFileStore() throws IOException {
        runner(new ByteArrayOutputStream())
                .run(tiny("tracked", Backend.DJL_PYTORCH, 8), dir.resolve("run"));
        Path mlruns = dir.resolve("mlruns");
        long runs;
        try (Stream<Path> s = Files.walk(mlruns)) {
            runs =
                    s.filter(
                                    p ->
                                            p.getFileName().toString().equals("meta.yaml")
                                                    && p.getParent().getParent() != mlruns
                                                    && Files.isDirectory(
                                                            p.getParent().resolve("metrics")))
                            .count();
        }
        assertEquals(1 + 1 + 2, runs, "parent + baseline + 2 trials");
        try (Stream<Path> s = Files.walk(mlruns)) {
            assertTrue(s.anyMatch(p -> p.endsWith("tags/mlflow.parentRunId")));
        }
    }

    @Test
    void failingTrial_isRecordedAndTheSweepGoesOn() throws IOException {
        // structured pruning at 0.99 keeps round(0.01 * 25) = 0 of fc2's 25 units at width 0.25:
        // valid, fails at run time
        Sweep sweep =
                Sweep.builder()
                        .name("failing")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(
                                p ->
                                        p.method(Prune.Method.STRUCTURED)
                                                .ratio(0.5, 0.99)
                                                .finetuneEpochs(1))
                        .quantize(q -> q.bits(8, 4))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(2, r.failedTrials(), log.toString());
        TrialOutcome failed =
                r.outcomes().stream().filter(o -> !o.isOk()).findFirst().orElseThrow();
        assertTrue(
                failed.failureReason()
                        .contains(
                                "prune stage failed: structured pruning at ratio 0.990 would remove all 25 units of layer fc2"),
                failed.failureReason());
        assertEquals(3, r.outcomes().stream().filter(TrialOutcome::isOk).count());
        assertFalse(r.pareto().front().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "resnet8"})
    void onnxRuntime_runsInt8KernelsForEightBitWeightsAndActivations(String model)
            throws IOException {
        // resnet8: its residual sums are quantized too, else ORT runs the convolutions feeding them
        // in fp32 ("mixed")
        Sweep sweep =
                Sweep.builder()
                        .name("ort")
                        .dataset("synthetic")
                        .limit(600)
                        .model(model)
                        .width(0.5)
                        .seed(7)
                        .device("cpu")
                        .threads(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .quantize(q -> q.bits(8).activations(true))
                        .runtime(Backend.ONNXRUNTIME)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        TrialOutcome t = r.outcomes().get(1);
        assertEquals("onnxruntime", t.params().get("runtime"));
        assertEquals("int8", t.params().get("kernel_precision"));
        assertEquals(t.metrics().get("accuracy"), t.metrics().get("accuracy_runtime"), 0.02);
        assertEquals("fp32", r.outcomes().get(0).params().get("kernel_precision"));
    }
}
