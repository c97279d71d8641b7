package dev.frontier.analysis.pareto;

import static dev.frontier.analysis.Trials.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.TrialStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParetoAnalysisTest {

    private static final ParetoCriteria ACCURACY_VS_SIZE =
            ParetoCriteria.of(Objective.maximize("accuracy"), Objective.minimize("size_mb"));

    private static int rank(ParetoResult result, String id) {
        return result.trial(id).orElseThrow().rank();
    }

    private static Standing standing(ParetoResult result, String id) {
        return result.trial(id).orElseThrow().standing();
    }

    @Test
    void front_excludesDominatedTrial() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.90, "size_mb", 10),
                                ok("b", "prune", "accuracy", 0.85, "size_mb", 5),
                                ok("c", "prune", "accuracy", 0.80, "size_mb", 8)),
                        ACCURACY_VS_SIZE);

        assertEquals(List.of("b", "a"), result.front().stream().map(RankedTrial::trialId).toList());
        assertEquals(2, rank(result, "c"));
    }

    @Test
    void front_isOrderedByFirstObjectiveAscending() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.90, "size_mb", 10),
                                ok("b", "prune", "accuracy", 0.70, "size_mb", 1),
                                ok("c", "prune", "accuracy", 0.85, "size_mb", 5)),
                        ACCURACY_VS_SIZE);
        assertEquals(
                List.of("b", "c", "a"), result.front().stream().map(RankedTrial::trialId).toList());
    }

    @Test
    void maximizeAndMinimizeMix_threeObjectives() {
        var criteria =
                ParetoCriteria.of(
                        Objective.maximize("accuracy"),
                        Objective.minimize("size_mb"),
                        Objective.minimize("latency_ms"));
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok(
                                        "fast",
                                        "quantize",
                                        "accuracy",
                                        0.85,
                                        "size_mb",
                                        5,
                                        "latency_ms",
                                        1),
                                ok(
                                        "small",
                                        "prune",
                                        "accuracy",
                                        0.85,
                                        "size_mb",
                                        1,
                                        "latency_ms",
                                        5),
                                ok(
                                        "good",
                                        "baseline",
                                        "accuracy",
                                        0.90,
                                        "size_mb",
                                        5,
                                        "latency_ms",
                                        5),
                                ok(
                                        "worse",
                                        "prune",
                                        "accuracy",
                                        0.85,
                                        "size_mb",
                                        5,
                                        "latency_ms",
                                        5)),
                        criteria);

        assertEquals(1, rank(result, "fast"));
        assertEquals(1, rank(result, "small"));
        assertEquals(1, rank(result, "good"));
        assertEquals(2, rank(result, "worse"));
    }

    @Test
    void duplicateTrials_shareTheFront() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "prune", "accuracy", 0.9, "size_mb", 2),
                                ok("a2", "prune", "accuracy", 0.9, "size_mb", 2),
                                ok("b", "prune", "accuracy", 0.9, "size_mb", 3)),
                        ACCURACY_VS_SIZE);
        assertEquals(1, rank(result, "a"));
        assertEquals(1, rank(result, "a2"));
        assertEquals(2, rank(result, "b"));
    }

    @Test
    void failedTrials_areNeverRanked_evenWithGoodMetrics() {
        var failed =
                new TrialOutcome(
                        "f",
                        "crashed",
                        "prune",
                        TrialStatus.FAILED,
                        "OutOfMemoryError",
                        Map.of(),
                        Map.of("accuracy", 0.99, "size_mb", 0.1));
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(failed, ok("a", "baseline", "accuracy", 0.9, "size_mb", 10)),
                        ACCURACY_VS_SIZE);

        RankedTrial trial = result.trial("f").orElseThrow();
        assertEquals(Standing.FAILED, trial.standing());
        assertEquals(0, trial.rank());
        assertEquals("OutOfMemoryError", trial.note());
        assertEquals(1, rank(result, "a"));
    }

    @Test
    void constraints_applyBeforeSorting_andCanPromoteADominatedTrial() {
        var criteria = ACCURACY_VS_SIZE.withConstraints(Constraint.parse("latency_ms <= 10"));
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok(
                                        "slow",
                                        "baseline",
                                        "accuracy",
                                        0.90,
                                        "size_mb",
                                        5,
                                        "latency_ms",
                                        20),
                                ok("ok", "prune", "accuracy", 0.80, "size_mb", 6, "latency_ms", 8)),
                        criteria);

        RankedTrial slow = result.trial("slow").orElseThrow();
        assertEquals(Standing.INFEASIBLE, slow.standing());
        assertEquals("violates latency_ms <= 10 (was 20)", slow.note());
        assertEquals(1, rank(result, "ok"));
    }

    @Test
    void missingObjectiveMetric_marksTrialIncomplete() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.90, "size_mb", 10),
                                ok("b", "prune", "accuracy", Double.NaN, "size_mb", 5),
                                ok("c", "prune", "accuracy", 0.80)),
                        ACCURACY_VS_SIZE);

        assertEquals(Standing.INCOMPLETE, standing(result, "b"));
        assertEquals("missing or NaN metric size_mb", result.trial("c").orElseThrow().note());
        assertEquals(List.of("a"), result.front().stream().map(RankedTrial::trialId).toList());
    }

    @Test
    void misspelledObjectiveMetric_isRejectedWithSuggestion() {
        var criteria =
                ParetoCriteria.of(Objective.maximize("acuracy"), Objective.minimize("size_mb"));
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ParetoAnalysis.analyze(
                                        List.of(ok("a", "baseline", "accuracy", 0.9, "size_mb", 1)),
                                        criteria));
        assertTrue(e.getMessage().contains("did you mean 'accuracy'?"), e.getMessage());
    }

    @Test
    void repeatedTrialId_isRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ParetoAnalysis.analyze(
                                List.of(
                                        ok("a", "baseline", "accuracy", 0.9, "size_mb", 1),
                                        ok("a", "prune", "accuracy", 0.8, "size_mb", 1)),
                                ACCURACY_VS_SIZE));
    }

    @Test
    void criteria_needTwoObjectives_andMatchingReference() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ParetoCriteria.of(Objective.maximize("accuracy")));
        assertThrows(
                IllegalArgumentException.class, () -> ACCURACY_VS_SIZE.withReferencePoint(0.5));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        ParetoCriteria.of(
                                Objective.maximize("accuracy"), Objective.minimize("accuracy")));
    }

    @Test
    void hypervolume_withGivenReference_matchesHandComputation() {
        // Costs (-acc, size): a(-0.9,10), b(-0.8,5), reference (-0.7,12).
        // Sweep: a adds 0.2*(12-10) = 0.4, b adds 0.1*(10-5) = 0.5. Box from ideal (-0.9,5): 0.2*7
        // = 1.4.
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.9, "size_mb", 10),
                                ok("b", "prune", "accuracy", 0.8, "size_mb", 5),
                                ok("c", "prune", "accuracy", 0.75, "size_mb", 11)),
                        ACCURACY_VS_SIZE.withReferencePoint(0.7, 12));

        assertEquals(0.9, result.hypervolume(), 1e-12);
        assertEquals(0.9 / 1.4, result.hypervolumeRatio(), 1e-12);
        assertEquals(List.of(0.7, 12.0), result.referencePoint());
    }

    @Test
    void derivedReference_isWorstValueMovedTenPercentOfRange() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.9, "size_mb", 10),
                                ok("b", "prune", "accuracy", 0.8, "size_mb", 5),
                                ok("c", "prune", "accuracy", 0.7, "size_mb", 8)),
                        ACCURACY_VS_SIZE);

        assertEquals(0.68, result.referencePoint().get(0), 1e-12);
        assertEquals(10.5, result.referencePoint().get(1), 1e-12);
        // Front a(-0.9,10), b(-0.8,5) against (-0.68,10.5): 0.22*0.5 + 0.12*5 = 0.71.
        assertEquals(0.71, result.hypervolume(), 1e-12);
    }

    @Test
    void derivedReference_forSinglePoint_usesTenPercentOfItsValue() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(ok("a", "baseline", "accuracy", 0.9, "size_mb", 10)),
                        ACCURACY_VS_SIZE);
        assertEquals(0.81, result.referencePoint().get(0), 1e-12);
        assertEquals(11, result.referencePoint().get(1), 1e-12);
        assertEquals(0.09 * 1, result.hypervolume(), 1e-12);
        assertEquals(1, result.hypervolumeRatio(), 1e-12);
    }

    @Test
    void knee_isTheFrontTrialWithTheBestTradeOff() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(
                                ok("big", "baseline", "accuracy", 0.91, "size_mb", 10),
                                ok("mid", "prune", "accuracy", 0.90, "size_mb", 2),
                                ok("tiny", "quantize", "accuracy", 0.60, "size_mb", 0.5),
                                ok("dominated", "prune", "accuracy", 0.85, "size_mb", 3)),
                        ACCURACY_VS_SIZE);
        assertEquals("mid", result.knee().orElseThrow().trialId());
    }

    @Test
    void noFeasibleTrial_givesZeroHypervolumeAndNoKnee() {
        var criteria = ACCURACY_VS_SIZE.withConstraints(Constraint.parse("size_mb < 1"));
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(ok("a", "baseline", "accuracy", 0.9, "size_mb", 10)), criteria);
        assertEquals(0, result.hypervolume());
        assertEquals(Optional.empty(), result.knee());
        assertEquals(List.of(), result.front());
        assertEquals(1, result.count(Standing.INFEASIBLE));
    }

    @Test
    void syntheticSweep_ranksAllFinishedTrials_andSetsFailuresAside() {
        List<TrialOutcome> sweep = SyntheticSweep.outcomes(42);
        ParetoResult result =
                ParetoAnalysis.analyze(
                        sweep,
                        ParetoCriteria.of(
                                Objective.maximize("accuracy"), Objective.minimize("size_bytes")));

        assertEquals(20, sweep.size());
        assertEquals(2, result.count(Standing.FAILED));
        assertEquals(18, result.count(Standing.RANKED));
        assertTrue(result.front().size() >= 3, "front " + result.front());
        assertEquals(SyntheticSweep.outcomes(42), sweep);
    }
}
