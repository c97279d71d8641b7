package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontier.plan.Planner;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Sweep;
import org.junit.jupiter.api.Test;

class SweepBaselineTest {
    private static Sweep sweep() {
        return Sweep.builder()
                .name("b")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .seed(7)
                .training(t -> t.epochs(6).batchSize(64))
                .prune(p -> p.ratio(0.5))
                .build();
    }

    @Test
    void translatesTheSweepsBaselineWithTheSeedOfItsStage() {
        Sweep s = sweep();
        SweepBaseline b = SweepBaseline.of(s);
        long stageSeed =
                Planner.plan(s).stages().stream()
                        .filter(x -> x.kind().equals(StageKind.TRAIN_BASELINE))
                        .findFirst()
                        .orElseThrow()
                        .seed();
        assertEquals(stageSeed, b.trainConfig().seed());
        assertEquals(6, b.trainConfig().epochs());
        assertEquals(2, b.trainConfig().stepEpochs(), "as frontier run derives it: epochs / 3");
        assertEquals(64, b.trainConfig().batchSize());
        assertEquals(600, b.data().limit());
        assertEquals("synthetic", b.data().name());
    }

    @Test
    void overridesShrinkTheRunButKeepTheRest() {
        SweepBaseline b = SweepBaseline.of(sweep()).withEpochs(1).withLimit(200);
        assertEquals(1, b.trainConfig().epochs());
        assertEquals(1, b.trainConfig().stepEpochs());
        assertEquals(64, b.trainConfig().batchSize());
        assertEquals(200, b.data().limit());
        assertEquals(SweepBaseline.of(sweep()).data().splitSeed(), b.data().splitSeed());
        assertEquals(SweepBaseline.of(sweep()).trainConfig().seed(), b.trainConfig().seed());
    }
}
