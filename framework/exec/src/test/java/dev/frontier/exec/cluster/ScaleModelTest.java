package dev.frontier.exec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Sweep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wall time on paper for the test sweep's tree: baseline; two prunes; one quantization each. */
class ScaleModelTest {
    @Test
    void levelSchedule_bounds_andExecutorCounts() {
        Plan plan = Planner.plan(sweep());
        List<Stage> training =
                plan.stages().stream().filter(s -> !s.kind().equals(StageKind.MEASURE)).toList();
        Map<String, Double> seconds = new HashMap<>();
        // baseline 10 s; prune 4 s and 6 s; their quantizations 3 s and 2 s
        Stage base = training.get(0);
        seconds.put(base.key(), 10.0);
        List<Stage> prunes =
                training.stream()
                        .filter(s -> s.parentKey().equals(java.util.Optional.of(base.key())))
                        .toList();
        assertEquals(2, prunes.size());
        seconds.put(prunes.get(0).key(), 4.0);
        seconds.put(prunes.get(1).key(), 6.0);
        for (Stage s : training) {
            if (s.parentKey().equals(java.util.Optional.of(prunes.get(0).key()))) {
                seconds.put(s.key(), 3.0);
            } else if (s.parentKey().equals(java.util.Optional.of(prunes.get(1).key()))) {
                seconds.put(s.key(), 2.0);
            }
        }
        assertEquals(5, seconds.size());
        ScaleModel m = ScaleModel.of(plan, seconds);
        assertEquals(25.0, m.totalWork(), 1e-9);
        assertEquals(18.0, m.criticalPath(), 1e-9); // 10 + 6 + 2
        assertEquals(25.0, m.seconds(1), 1e-9);
        assertEquals(19.0, m.seconds(2), 1e-9); // levels: 10, max(4, 6), max(3, 2)
        assertEquals(19.0, m.seconds(8), 1e-9); // a level waits for its slowest stage
        assertEquals(18.0, m.lowerBound(2), 1e-9);
        assertEquals(25.0, m.lowerBound(1), 1e-9);
        assertEquals(3, m.levels());
        assertThrows(IllegalArgumentException.class, () -> m.seconds(0));
    }

    /** Synthetic data, an MLP; two prune ratios, then 8-bit quantization: 5 training stages. */
    static Sweep sweep() {
        return Sweep.builder()
                .name("scale")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.5, 0.7).finetuneEpochs(1))
                .quantize(q -> q.bits(8))
                .build();
    }
}
