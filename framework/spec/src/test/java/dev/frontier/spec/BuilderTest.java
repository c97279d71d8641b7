package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuilderTest {

    private static Sweep quickstartByBuilder() {
        return Sweep.builder()
                .name("quickstart")
                .dataset("fashion-mnist")
                .limit(10_000)
                .splitSeed(7)
                .validation(0.1)
                .model("lenet5")
                .seed(42)
                .device("cpu")
                .threads(2)
                .training(
                        t ->
                                t.optimizer(Training.Optimizer.ADAM)
                                        .lr(0.001)
                                        .schedule(Training.LrSchedule.COSINE)
                                        .epochs(4)
                                        .batchSize(128))
                .teacher("cnn", t -> t.epochs(2))
                .distill(d -> d.temperature(4.0).alpha(0.7).epochs(3).init(Distill.Init.SCRATCH))
                .prune(
                        p ->
                                p.method(Prune.Method.MAGNITUDE)
                                        .scope(Prune.Scope.GLOBAL)
                                        .ratio(0.5, 0.8)
                                        .finetuneEpochs(1))
                .quantize(
                        q ->
                                q.bits(8, 4)
                                        .granularity(Quantize.Granularity.PER_CHANNEL)
                                        .activations(true))
                .objective("accuracy", Objective.Direction.MAX)
                .objective("size_bytes", Objective.Direction.MIN)
                .objective("latency_p50_ms", Objective.Direction.MIN)
                .constraint("accuracy_drop <= 2.0")
                .output("runs/quickstart")
                .build();
    }

    @Test
    void builder_producesTheSameSweepAsQuickstartYaml() throws IOException {
        Sweep fromYaml = SpecReader.read(RepoRoot.experiments().resolve("quickstart.yaml"));
        assertEquals(fromYaml, quickstartByBuilder());
    }

    @Test
    void builder_producesTheSameSweepAsHeadlineYaml() throws IOException {
        Sweep built =
                Sweep.builder()
                        .name("headline")
                        .dataset("fashion-mnist")
                        .splitSeed(7)
                        .model("lenet5")
                        .seed(2024)
                        .training(
                                t ->
                                        t.optimizer(Training.Optimizer.SGD)
                                                .lr(0.05)
                                                .momentum(0.9)
                                                .weightDecay(0.0005)
                                                .schedule(Training.LrSchedule.COSINE)
                                                .epochs(10)
                                                .batchSize(128)
                                                .patience(3))
                        .teacher("cnn", t -> t.epochs(6))
                        .distill(
                                d ->
                                        d.temperature(2.0, 4.0, 8.0)
                                                .alpha(0.7)
                                                .epochs(5)
                                                .init(Distill.Init.SCRATCH))
                        .prune(
                                p ->
                                        p.scope(Prune.Scope.GLOBAL)
                                                .ratio(Param.linear(0.5, 0.9, 5))
                                                .schedule(Prune.Schedule.GRADUAL)
                                                .finetuneEpochs(2)
                                                .exclude("fc3"))
                        .quantize(
                                q ->
                                        q.bits(32, 8, 4)
                                                .granularity(
                                                        Quantize.Granularity.PER_TENSOR,
                                                        Quantize.Granularity.PER_CHANNEL)
                                                .activations(true)
                                                .calibration(Quantize.Calibration.PERCENTILE)
                                                .calibrationSamples(1024))
                        .exclude("quantize.bits", 32, "quantize.granularity", "per-channel")
                        .constraint("accuracy_drop <= 1.0")
                        .tracking("sqlite:///mlruns.db", "frontier-headline")
                        .build();
        assertEquals(SpecReader.read(RepoRoot.experiments().resolve("headline.yaml")), built);
    }

    @Test
    void builderMadeSweep_roundTripsThroughCanonicalYaml() {
        Sweep sweep =
                Sweep.builder()
                        .name("mixed")
                        .dataset("synthetic")
                        .model("mlp")
                        .width(0.5)
                        .device("gpu:1")
                        .repeats(3)
                        .parallelism(2)
                        .combine(Combine.ZIP)
                        .runtime(Backend.DJL_PYTORCH, Backend.ONNXRUNTIME)
                        .prune(
                                p ->
                                        p.method(Prune.Method.STRUCTURED)
                                                .norm(Prune.Norm.L2)
                                                .ratio(0.3, 0.6))
                        .finetune(f -> f.epochs(1).lr(Param.log(1e-5, 1e-3, 2)))
                        .quantize(
                                q ->
                                        q.bits(8)
                                                .symmetric(false)
                                                .mode(Quantize.Mode.QAT)
                                                .qatEpochs(2)
                                                .override("fc1", 4)
                                                .activations(true)
                                                .calibration(Quantize.Calibration.MSE))
                        .build();
        assertEquals(sweep, SpecReader.read(SpecWriter.write(sweep), "mixed.yaml"));
    }

    @Test
    void builder_defaultsOutputTrackingExperimentAndObjectives() {
        Sweep sweep =
                Sweep.builder()
                        .name("tiny")
                        .dataset("mnist")
                        .model("mlp")
                        .tracking("http://mlflow:5000")
                        .build();
        assertEquals("runs/tiny", sweep.output());
        assertEquals("tiny", sweep.tracking().orElseThrow().experiment());
        assertEquals(Objective.DEFAULTS, sweep.objectives());
        assertEquals(
                Sweep.builder()
                        .name("tiny")
                        .dataset("mnist")
                        .model("mlp")
                        .tracking("http://mlflow:5000")
                        .build(),
                sweep);
    }

    @Test
    void builder_throwsOneExceptionWithEveryProblem() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                Sweep.builder()
                                        .name("bad")
                                        .dataset("fashion_mnist")
                                        .model("lenet5")
                                        .training(t -> t.epochs(0))
                                        .distill(d -> d.temperature(0.0))
                                        .prune(p -> p.ratio(0.5, 1.0))
                                        .quantize(q -> q.bits(8, 17))
                                        .repeats(0)
                                        .build());
        assertEquals(
                List.of(
                        "dataset.name: found 'fashion_mnist', expected one of fashion-mnist, mnist, synthetic (did you mean 'fashion-mnist'?)",
                        "training.epochs: found 0, expected a count >= 1",
                        "pipeline[0].distill.temperature: found 0.0, expected a temperature > 0",
                        "pipeline[1].prune.ratio[1]: found 1.0, expected a fraction in [0, 1)",
                        "pipeline[2].quantize.bits[1]: found 17, expected bits in 1..8 (integer), 16 (half float) or 32 (float reference)",
                        "pipeline[0].distill: found a distill pass but no teacher, expected a top-level 'teacher' section to distill from",
                        "repeats: found 0, expected a count >= 1"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void builder_checksWidthsAndSymmetricBitsLikeTheReader() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                Sweep.builder()
                                        .name("x")
                                        .dataset("mnist")
                                        .model("cnn")
                                        .width(17)
                                        .teacher("cnn")
                                        .teacherWidth(0)
                                        .quantize(q -> q.bits(1))
                                        .build());
        assertEquals(
                List.of(
                        "model.width: found 17.0, expected a width multiplier in (0, 16]",
                        "teacher.model.width: found 0.0, expected a width multiplier in (0, 16]",
                        "pipeline[0].quantize.bits: found 1 with symmetric true, expected bits >= 2 for symmetric quantization"
                                + " (1-bit symmetric codes can only hold 0), or symmetric: false"),
                e.problems().stream().map(Problem::toString).toList());
        Sweep ok =
                Sweep.builder()
                        .name("x")
                        .dataset("mnist")
                        .model("cnn")
                        .width(16)
                        .quantize(q -> q.bits(1, 4).symmetric(true, false))
                        .exclude("quantize.bits", 1, "quantize.symmetric", true)
                        .build();
        assertEquals(16.0, ok.model().width());
    }

    @Test
    void builderProblems_haveNoFileLocation() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> Sweep.builder().name("x").dataset("mnist").model("lenet").build());
        assertEquals(Location.NONE, e.problems().get(0).location());
        assertEquals("model.name", e.problems().get(0).path());
    }
}
