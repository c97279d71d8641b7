package dev.frontier.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.RepoRoot;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.SweepBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static Plan planOf(String example) throws IOException {
        return Planner.plan(SpecReader.read(RepoRoot.experiments().resolve(example)));
    }

    private static SweepBuilder small() {
        return Sweep.builder().name("small").dataset("synthetic").model("mlp").seed(1);
    }

    private static Map<StageKind, Long> kinds(Plan plan) {
        return plan.stages().stream()
                .collect(Collectors.groupingBy(Stage::kind, Collectors.counting()));
    }

    @Test
    void quickstart_sharesBaselineTeacherStudentAndPrunedModels() throws IOException {
        Plan plan = planOf("quickstart.yaml");
        assertEquals(4, plan.trialCount());
        assertEquals(13, plan.uniqueStageCount());
        assertEquals(24, plan.naiveStageCount());
        assertEquals(
                Map.of(
                        StageKind.TRAIN_BASELINE,
                        1L,
                        StageKind.TRAIN_TEACHER,
                        1L,
                        StageKind.pass("distill"),
                        1L,
                        StageKind.pass("prune"),
                        2L,
                        StageKind.pass("quantize"),
                        4L,
                        StageKind.MEASURE,
                        4L),
                kinds(plan));
    }

    @Test
    void headline_has75TrialsAndOneStagePerTemperatureAndRatio() throws IOException {
        Plan plan = planOf("headline.yaml");
        assertEquals(75, plan.trialCount());
        assertEquals(15, plan.excludedCount());
        assertEquals(
                Map.of(
                        StageKind.TRAIN_BASELINE,
                        1L,
                        StageKind.TRAIN_TEACHER,
                        1L,
                        StageKind.pass("distill"),
                        3L,
                        StageKind.pass("prune"),
                        15L,
                        StageKind.pass("quantize"),
                        75L,
                        StageKind.MEASURE,
                        75L),
                kinds(plan));
        assertEquals(450, plan.naiveStageCount());
        assertTrue(plan.estimatedSeconds() < plan.naiveEstimatedSeconds() / 10);
    }

    @Test
    void trialPath_runsFromBaselineThroughEveryPassToItsMeasureLeaf() throws IOException {
        Plan plan = planOf("quickstart.yaml");
        Trial trial = plan.trials().get(3);
        assertEquals(
                List.of(
                        StageKind.TRAIN_BASELINE,
                        StageKind.TRAIN_TEACHER,
                        StageKind.pass("distill"),
                        StageKind.pass("prune"),
                        StageKind.pass("quantize"),
                        StageKind.MEASURE),
                plan.path(trial, 0).stream().map(Stage::kind).toList());
        assertEquals(Map.of("prune.ratio", 0.8, "quantize.bits", 4), trial.axisValues());
        assertEquals(4, ((Quantize) trial.pipeline().get(2)).bits().value());
        assertEquals(List.of(trial.id()), plan.path(trial, 0).get(5).trialIds());
    }

    @Test
    void grid_putsFirstAxisOutermost() {
        Plan plan =
                Planner.plan(
                        small().prune(p -> p.ratio(0.5, 0.7)).quantize(q -> q.bits(8, 4)).build());
        assertEquals(
                List.of(
                        Map.of("prune.ratio", 0.5, "quantize.bits", 8),
                        Map.of("prune.ratio", 0.5, "quantize.bits", 4),
                        Map.of("prune.ratio", 0.7, "quantize.bits", 8),
                        Map.of("prune.ratio", 0.7, "quantize.bits", 4)),
                plan.trials().stream().map(Trial::axisValues).toList());
    }

    @Test
    void zip_pairsTheIthValues() {
        Plan plan =
                Planner.plan(
                        small().combine(dev.frontier.spec.Combine.ZIP)
                                .prune(p -> p.ratio(0.5, 0.7, 0.9))
                                .quantize(q -> q.bits(8, 4, 2))
                                .build());
        assertEquals(
                List.of(
                        Map.of("prune.ratio", 0.5, "quantize.bits", 8),
                        Map.of("prune.ratio", 0.7, "quantize.bits", 4),
                        Map.of("prune.ratio", 0.9, "quantize.bits", 2)),
                plan.trials().stream().map(Trial::axisValues).toList());
    }

    @Test
    void combinationsWithEqualEffectiveParameters_areMergedIntoOneTrial() {
        Plan plan =
                Planner.plan(
                        small().quantize(
                                        q ->
                                                q.bits(32, 8)
                                                        .granularity(
                                                                Quantize.Granularity.PER_TENSOR,
                                                                Quantize.Granularity.PER_CHANNEL))
                                .build());
        assertEquals(3, plan.trialCount());
        assertEquals(1, plan.mergedCount());
    }

    @Test
    void trialId_dependsOnEffectiveParametersNotOnNameOrSeed() {
        Sweep a = small().prune(p -> p.ratio(0.5)).build();
        Sweep renamed =
                Sweep.builder()
                        .name("other")
                        .dataset("synthetic")
                        .model("mlp")
                        .seed(99)
                        .prune(p -> p.ratio(0.5))
                        .output("elsewhere")
                        .build();
        Sweep changed = small().prune(p -> p.ratio(0.6)).build();
        String id = Planner.plan(a).trials().get(0).id();
        assertEquals(id, Planner.plan(a).trials().get(0).id());
        assertEquals(id, Planner.plan(renamed).trials().get(0).id());
        assertNotEquals(id, Planner.plan(changed).trials().get(0).id());
        assertEquals(12, id.length());
    }

    @Test
    void magnitudePruning_ignoresNormInItsId() {
        Sweep l1 = small().prune(p -> p.norm(Prune.Norm.L1)).build();
        Sweep l2 = small().prune(p -> p.norm(Prune.Norm.L2)).build();
        assertEquals(Planner.plan(l1).trials().get(0).id(), Planner.plan(l2).trials().get(0).id());
    }

    @Test
    void seeds_arePureFunctionsOfExperimentSeedTrialAndRepeat() {
        Sweep sweep = small().repeats(2).prune(p -> p.ratio(0.5)).build();
        Trial t = Planner.plan(sweep).trials().get(0);
        assertEquals(t.seeds(), Planner.plan(sweep).trials().get(0).seeds());
        assertNotEquals(t.seed(0), t.seed(1));
        Trial reseeded =
                Planner.plan(
                                Sweep.builder()
                                        .name("small")
                                        .dataset("synthetic")
                                        .model("mlp")
                                        .seed(2)
                                        .repeats(2)
                                        .prune(p -> p.ratio(0.5))
                                        .build())
                        .trials()
                        .get(0);
        assertEquals(t.id(), reseeded.id());
        assertNotEquals(t.seed(0), reseeded.seed(0));
    }

    @Test
    void repeats_getTheirOwnRootAndDoubleTheNaiveCount() {
        Plan plan = Planner.plan(small().repeats(2).prune(p -> p.ratio(0.5, 0.7)).build());
        assertEquals(2, plan.roots().size());
        assertEquals(2 * 2 * 3, plan.naiveStageCount());
        assertEquals(2 * (1 + 2 + 2), plan.uniqueStageCount());
    }

    @Test
    void estimate_scalesEpochsByExamplesAndModel() throws IOException {
        Plan plan = planOf("quickstart.yaml");
        Stage baseline = plan.roots().get(0);
        assertEquals(4 * 9.0 * 9000 / 60000, baseline.estimatedSeconds(), 1e-9);
        Stage teacher = plan.children(baseline.key()).get(0);
        assertEquals(2 * 9.0 * 9000 / 60000 * 2.0, teacher.estimatedSeconds(), 1e-9);
    }

    @Test
    void render_printsCountsAndTheTree() throws IOException {
        String text = planOf("quickstart.yaml").render();
        assertTrue(
                text.startsWith("sweep quickstart: 4 trials\nstages: 13 unique vs 24 naive\n"),
                text);
        assertTrue(text.contains("└─ train-teacher cnn, 2 epochs"), text);
        assertTrue(text.contains("├─ prune ratio=0.5"), text);
        assertEquals(1 + 2 + 13, text.split("\n").length, text);
    }

    @Test
    void quickstart_keepsTheSpecHashTrialIdsAndStageKeysItHadBeforeWeightRangeExisted()
            throws IOException {
        // computed by the code before quantize.weightRange was added: old runs' trials and stage
        // caches stay valid
        Sweep sweep =
                SpecReader.read(
                        RepoRoot.experiments()
                                .getParent()
                                .resolve(
                                        "framework/spec/src/test/resources/compat/quickstart-round1.yaml"));
        assertEquals("10af613cda93", Hashing.shortHash(dev.frontier.spec.SpecWriter.write(sweep)));
        Plan plan = Planner.plan(sweep);
        assertEquals(
                List.of("b717f8dcf403", "67bca0204507", "d7a2fd3c3ccb", "24a5a8e59ecc"),
                plan.trials().stream().map(Trial::id).toList());
        assertEquals(
                List.of(
                        "932cc1ed5489",
                        "35860de67fc2",
                        "debc7ed289de",
                        "0d863e7d491a",
                        "c5b917cc5ec4",
                        "faec77f51709",
                        "3f14793d6316",
                        "63d5762d6090",
                        "5b004f9e9790",
                        "022e2ea234fd",
                        "482275698df4",
                        "6809bd78bd36",
                        "398c37dd7fca"),
                plan.stages().stream().map(Stage::key).toList());
    }

    @Test
    void weightRangeAxis_expandsToTwoTrials_andItsMinmaxTrialIsTheTrialWithoutTheKey() {
        Plan axis =
                Planner.plan(
                        small().quantize(
                                        q ->
                                                q.bits(4)
                                                        .weightRange(
                                                                Quantize.WeightRange.MINMAX,
                                                                Quantize.WeightRange.MSE))
                                .build());
        assertEquals(2, axis.trialCount());
        assertEquals(
                List.of(
                        Map.of("quantize.weightRange", Quantize.WeightRange.MINMAX),
                        Map.of("quantize.weightRange", Quantize.WeightRange.MSE)),
                axis.trials().stream().map(Trial::axisValues).toList());
        assertNotEquals(axis.trials().get(0).id(), axis.trials().get(1).id());
        Plan without = Planner.plan(small().quantize(q -> q.bits(4)).build());
        assertEquals(without.trials().get(0).id(), axis.trials().get(0).id());
        assertEquals(without.trials().get(0).leafKeys(), axis.trials().get(0).leafKeys());
        // the baseline is shared, the two quantize stages are not; each label names its fit
        assertEquals(
                Map.of(
                        StageKind.TRAIN_BASELINE,
                        1L,
                        StageKind.pass("quantize"),
                        2L,
                        StageKind.MEASURE,
                        2L),
                kinds(axis));
        assertEquals(
                List.of("weightRange=minmax", "weightRange=mse"),
                axis.stages().stream()
                        .filter(st -> st.kind().equals(StageKind.pass("quantize")))
                        .map(Stage::label)
                        .toList());
    }

    @Test
    void weightRange_isMergedAwayWhereNoIntegerGridIsFitted() {
        Plan plan =
                Planner.plan(
                        small().quantize(
                                        q ->
                                                q.bits(32, 16, 4)
                                                        .weightRange(
                                                                Quantize.WeightRange.MINMAX,
                                                                Quantize.WeightRange.MSE))
                                .build());
        assertEquals(4, plan.trialCount(), "32 and 16 bits once each, 4 bits with either fit");
        assertEquals(2, plan.mergedCount());
    }
}
