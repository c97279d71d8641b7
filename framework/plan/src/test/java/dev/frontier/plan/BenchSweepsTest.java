package dev.frontier.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.spec.RepoRoot;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweeps {@code frontier bench compress} runs (experiments/bench/*.yaml): valid, plannable, and
 * the trials the bench needs.
 */
class BenchSweepsTest {

    /** The bench files whose passes are all registered here (see {@link RepoRoot#benchFiles}). */
    static List<Path> benchFiles() throws IOException {
        List<Path> yaml = RepoRoot.benchFiles();
        assertFalse(yaml.isEmpty(), "no sweeps in experiments/bench/");
        return yaml;
    }

    private static Sweep read(String name) throws IOException {
        return SpecReader.read(RepoRoot.experiments().resolve("bench").resolve(name));
    }

    private static Map<StageKind, Long> kinds(Plan plan) {
        return plan.stages().stream()
                .collect(Collectors.groupingBy(Stage::kind, Collectors.counting()));
    }

    @ParameterizedTest
    @MethodSource("benchFiles")
    void benchFile_validatesRoundTripsAndPlans(Path file) throws IOException {
        Sweep sweep = SpecReader.read(file);
        assertEquals(
                sweep,
                SpecReader.read(SpecWriter.write(sweep), file.getFileName() + " (canonical)"));
        Plan plan = Planner.plan(sweep);
        assertTrue(plan.trialCount() >= 1, file.toString());
        assertEquals(sweep.repeats(), plan.roots().size(), file.toString());
    }

    @Test
    void lenet5Files_shareOneOutputAndOneBaselineStage_andHoldTheEightTechniques()
            throws IOException {
        List<String> files =
                List.of(
                        "lenet5-ptq-weights.yaml",
                        "lenet5-ptq-activations.yaml",
                        "lenet5-qat.yaml",
                        "lenet5-prune.yaml");
        List<Plan> plans =
                files.stream()
                        .map(
                                f -> {
                                    try {
                                        return Planner.plan(read(f));
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                })
                        .toList();
        assertEquals(List.of(2, 3, 1, 2), plans.stream().map(Plan::trialCount).toList());
        assertEquals(1, plans.stream().map(p -> p.sweep().output()).distinct().count());
        assertEquals(
                1,
                plans.stream().map(p -> p.roots().get(0).key()).distinct().count(),
                "one baseline for all four");
        Plan prune = plans.get(3);
        assertEquals(
                Map.of(
                        StageKind.TRAIN_BASELINE,
                        1L,
                        StageKind.pass("prune"),
                        1L,
                        StageKind.pass("quantize"),
                        2L,
                        StageKind.MEASURE,
                        2L),
                kinds(prune),
                "the pruned model is fine-tuned once for both trials");
        Map<String, Object> pruneParams = prune.stages().get(1).params();
        assertEquals(0.5, pruneParams.get("rampEnd"));
        assertEquals(0.002, pruneParams.get("finetuneLr"));
        assertEquals(
                List.of(
                        Map.of(
                                "quantize.bits",
                                8,
                                "quantize.weightRange",
                                dev.frontier.spec.Quantize.WeightRange.MINMAX,
                                "quantize.calibration",
                                dev.frontier.spec.Quantize.Calibration.MSE),
                        Map.of(
                                "quantize.bits",
                                4,
                                "quantize.weightRange",
                                dev.frontier.spec.Quantize.WeightRange.MINMAX,
                                "quantize.calibration",
                                dev.frontier.spec.Quantize.Calibration.PERCENTILE),
                        Map.of(
                                "quantize.bits",
                                4,
                                "quantize.weightRange",
                                dev.frontier.spec.Quantize.WeightRange.MSE,
                                "quantize.calibration",
                                dev.frontier.spec.Quantize.Calibration.PERCENTILE)),
                plans.get(1).trials().stream().map(Trial::axisValues).toList());
    }

    @Test
    void distill_runsThreeRepeats_eachWithItsOwnTeacher() throws IOException {
        Plan plan = Planner.plan(read("distill-cnn.yaml"));
        assertEquals(1, plan.trialCount());
        assertEquals(
                Map.of(
                        StageKind.TRAIN_BASELINE,
                        3L,
                        StageKind.TRAIN_TEACHER,
                        3L,
                        StageKind.pass("distill"),
                        3L,
                        StageKind.MEASURE,
                        3L),
                kinds(plan));
    }
}
