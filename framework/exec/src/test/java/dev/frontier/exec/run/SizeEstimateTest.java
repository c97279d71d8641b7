package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Planner;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Sweep;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The plan's size estimate on a made-up model: two layers, fc2 excluded from pruning. */
class SizeEstimateTest {

    // fc1 1000 weights, fc2 100 weights, 50 biases
    private final SizeEstimate sizes =
            new SizeEstimate(Map.of("fc1", 1000L, "fc2", 100L), List.of("fc2"), 1150);

    private static List<Trial> trials(Sweep sweep) {
        return Planner.plan(sweep).trials();
    }

    @Test
    void prunedAndQuantized_keptWeightsAtTheirWidth_plusWhereTheyAre_plusFloatBiases() {
        Sweep sweep =
                Sweep.builder()
                        .name("s")
                        .dataset("synthetic")
                        .model("mlp")
                        .prune(p -> p.ratio(0.75).finetuneEpochs(1))
                        .quantize(q -> q.bits(4, 8))
                        .build();
        List<Trial> t = trials(sweep);
        double h = SizeEstimate.entropyBits(0.25); // 0.811 bits per fc1 weight
        double fc1at4 = 1000 * (0.25 * 4 + h) / 8;
        double fc2at4 = 100 * 4 / 8.0;
        assertEquals(0.8112781, h, 1e-6);
        assertEquals(fc1at4 + fc2at4 + 50 * 4, sizes.bytes(t.get(0)).getAsDouble(), 1e-9);
        double fc1at8 = 1000 * (0.25 * 8 + h) / 8;
        assertEquals(fc1at8 + 100 + 50 * 4, sizes.bytes(t.get(1)).getAsDouble(), 1e-9);
        assertEquals(1150 * 4, sizes.dense(), 1e-9);
    }

    @Test
    void overrides_andNoPruning_useTheLayersOwnWidth() {
        Sweep sweep =
                Sweep.builder()
                        .name("s")
                        .dataset("synthetic")
                        .model("mlp")
                        .pass("quantize", q -> q.set("bits", 4).set("overrides", Map.of("fc2", 8)))
                        .build();
        assertEquals(
                1000 * 4 / 8.0 + 100 + 50 * 4, sizes.bytes(trials(sweep).get(0)).getAsDouble());
    }

    @Test
    void passesThatChangeTheShape_makeTheSizeUnknown() {
        Sweep structured =
                Sweep.builder()
                        .name("s")
                        .dataset("synthetic")
                        .model("mlp")
                        .prune(p -> p.method(Prune.Method.STRUCTURED).ratio(0.5))
                        .build();
        assertEquals(OptionalDouble.empty(), sizes.bytes(trials(structured).get(0)));
        Sweep lowrank =
                Sweep.builder()
                        .name("s")
                        .dataset("synthetic")
                        .model("mlp")
                        .pass("lowrank", p -> p.set("rank", 0.5))
                        .build();
        assertTrue(sizes.bytes(trials(lowrank).get(0)).isEmpty());
    }
}
