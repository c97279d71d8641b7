package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * prune's finetuneLr and rampEnd, quantize's qatLr: reader, writer, builder, errors, and that their
 * defaults (the training's learning rate, a ramp ending at 75% of the steps) stay out of canonical
 * YAML, trial ids and stage keys.
 */
class TrainingKnobsTest {

    private static final String HEAD = "name: k\ndataset: mnist\nmodel: lenet5\npipeline:\n";

    private static Sweep read(String pipeline) {
        return SpecReader.read(HEAD + pipeline, "k.yaml");
    }

    private static Plan plan(String pipeline) {
        return Planner.plan(read(pipeline));
    }

    private static List<String> keys(Plan plan) {
        return plan.stages().stream().map(Stage::key).toList();
    }

    @Test
    void yamlWithEveryKnob_roundTripsThroughCanonicalYaml() {
        Sweep sweep =
                read(
                        "  - prune: {ratio: 0.9, schedule: gradual, rampEnd: 0.5, finetuneEpochs: 8, finetuneLr: 0.002}\n"
                                + "  - quantize: {bits: 4, mode: qat, qatEpochs: 1, qatLr: 0.0001}\n");
        Prune prune = (Prune) sweep.pipeline().get(0);
        Quantize quantize = (Quantize) sweep.pipeline().get(1);
        assertEquals(Param.of(0.002), prune.finetuneLr());
        assertEquals(Param.of(0.5), prune.rampEnd());
        assertEquals(Param.of(1.0e-4), quantize.qatLr());
        String canonical = SpecWriter.write(sweep);
        assertTrue(
                canonical.contains("finetuneLr: 0.002")
                        && canonical.contains("rampEnd: 0.5")
                        && canonical.contains("qatLr: 0.0001"),
                canonical);
        Sweep again = SpecReader.read(canonical, "k.yaml (canonical)");
        assertEquals(sweep, again);
        assertEquals(canonical, SpecWriter.write(again));
    }

    @Test
    void builder_makesTheSameSweepAsYaml() {
        Sweep yaml =
                read(
                        "  - prune: {ratio: 0.9, schedule: gradual, rampEnd: 0.5, finetuneEpochs: 2,"
                                + " finetuneLr: [0.001, 0.002]}\n  - quantize: {bits: 4, mode: qat, qatLr: 0.0001}\n");
        Sweep built =
                Sweep.builder()
                        .name("k")
                        .dataset("mnist")
                        .model("lenet5")
                        .prune(
                                p ->
                                        p.ratio(0.9)
                                                .schedule(Prune.Schedule.GRADUAL)
                                                .rampEnd(0.5)
                                                .finetuneEpochs(2)
                                                .finetuneLr(0.001, 0.002))
                        .quantize(q -> q.bits(4).mode(Quantize.Mode.QAT).qatLr(1e-4))
                        .build();
        assertEquals(yaml, built);
        assertEquals(List.of("prune.finetuneLr"), built.axes().stream().map(Axis::name).toList());
    }

    @Test
    void explicitDefaults_areTheSameSweepAsNoKey_andKeepEveryIdAndKey() {
        String implicit =
                "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2}\n"
                        + "  - quantize: {bits: 4, mode: qat}\n";
        String explicit =
                "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2, finetuneLr: 0, rampEnd: 0.75}\n"
                        + "  - quantize: {bits: 4, mode: qat, qatLr: 0}\n";
        assertEquals(read(implicit), read(explicit));
        String canonical = SpecWriter.write(read(explicit));
        assertFalse(
                canonical.contains("finetuneLr")
                        || canonical.contains("rampEnd")
                        || canonical.contains("qatLr"),
                canonical);
        assertEquals(plan(implicit).trials().get(0).id(), plan(explicit).trials().get(0).id());
        assertEquals(keys(plan(implicit)), keys(plan(explicit)));
    }

    @Test
    void eachKnobAwayFromItsDefault_changesTheIdAndTheKeyOfItsOwnStageOnly() {
        String base =
                "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2}\n  - quantize: {bits: 4, mode: qat}\n";
        Plan reference = plan(base);
        for (String changed :
                List.of(
                        "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2, finetuneLr: 0.002}\n"
                                + "  - quantize: {bits: 4, mode: qat}\n",
                        "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2, rampEnd: 0.5}\n"
                                + "  - quantize: {bits: 4, mode: qat}\n")) {
            Plan p = plan(changed);
            assertNotEquals(reference.trials().get(0).id(), p.trials().get(0).id(), changed);
            assertEquals(keys(reference).get(0), keys(p).get(0), "the baseline stays shared");
            assertNotEquals(keys(reference).get(1), keys(p).get(1), changed);
        }
        Plan qat =
                plan(
                        "  - prune: {ratio: 0.8, schedule: gradual, finetuneEpochs: 2}\n"
                                + "  - quantize: {bits: 4, mode: qat, qatLr: 0.0001}\n");
        assertEquals(
                keys(reference).subList(0, 2),
                keys(qat).subList(0, 2),
                "baseline and pruned model stay shared");
        assertNotEquals(keys(reference).get(2), keys(qat).get(2));
    }

    @Test
    void effectiveParams_showAKnobOnlyWhereItActs() {
        Prune gradual =
                (Prune)
                        read("  - prune: {schedule: gradual, finetuneEpochs: 2, rampEnd: 0.5, finetuneLr: 0.01}\n")
                                .pipeline()
                                .get(0);
        assertEquals(0.5, gradual.effectiveParams().get("rampEnd"));
        assertEquals(0.01, gradual.effectiveParams().get("finetuneLr"));
        Prune defaults =
                (Prune)
                        read("  - prune: {schedule: gradual, finetuneEpochs: 2}\n")
                                .pipeline()
                                .get(0);
        assertEquals(0.75, defaults.effectiveParams().get("rampEnd"), "shown in plans and logs");
        assertFalse(
                defaults.identityParams().containsKey("rampEnd"),
                "but not hashed: older specs keep their ids");
        assertFalse(
                defaults.effectiveParams().containsKey("finetuneLr"),
                "0 means the training's: nothing to show");
        Prune oneShot = gradual.with(Map.of("schedule", Param.of(Prune.Schedule.ONE_SHOT)));
        assertFalse(oneShot.effectiveParams().containsKey("rampEnd"));
        Prune noFinetune = oneShot.with(Map.of("finetuneEpochs", Param.of(0)));
        assertFalse(noFinetune.effectiveParams().containsKey("finetuneLr"));
        Quantize qat =
                (Quantize)
                        read("  - quantize: {bits: 4, mode: qat, qatLr: 0.0001}\n")
                                .pipeline()
                                .get(0);
        assertEquals(1.0e-4, qat.effectiveParams().get("qatLr"));
        Quantize ptq = qat.with(Map.of("mode", Param.of(Quantize.Mode.PTQ)));
        assertFalse(ptq.effectiveParams().containsKey("qatLr"));
    }

    @Test
    void badValues_areOneProblemEachAtTheirPlace() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                read(
                                        "  - prune:\n      finetuneLr: -0.1\n      rampEnd: 0\n  - quantize:\n      qatLr: -1\n"));
        assertEquals(
                List.of(
                        "k.yaml:6:19: pipeline[0].prune.finetuneLr: found -0.1, expected a learning rate > 0 (0 keeps the training's)",
                        "k.yaml:7:16: pipeline[0].prune.rampEnd: found 0.0, expected a fraction of the fine-tuning steps in (0, 1]",
                        "k.yaml:9:14: pipeline[1].quantize.qatLr: found -1.0, expected a learning rate > 0 (0 keeps the training's)"),
                e.problems().stream().map(Problem::toString).toList());
    }
}
