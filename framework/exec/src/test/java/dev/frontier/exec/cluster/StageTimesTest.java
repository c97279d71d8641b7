package dev.frontier.exec.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage times read from stage.yaml files, and estimates calibrated by them for another tree. */
class StageTimesTest {
    @TempDir Path dir;

    @Test
    void measuredTimes_calibrateTheEstimatesOfAnotherSweepsTree_perKind() throws Exception {
        Plan small = Planner.plan(ScaleModelTest.sweep());
        List<Stage> training =
                small.stages().stream().filter(s -> !s.kind().equals(StageKind.MEASURE)).toList();
        // every measured stage took 3 times its estimate, except the baseline: 2 times; the 8-bit
        // quantizations (weights only: no calibration, estimated at nothing) took 0.5 s and 1.5 s
        double quantized = 0.5;
        for (Stage s : training) {
            double factor = s.kind().equals(StageKind.TRAIN_BASELINE) ? 2 : 3;
            double took = factor * s.estimatedSeconds();
            if (s.kind().name().equals("QUANTIZE")) {
                assertEquals(0.0, s.estimatedSeconds(), s.label());
                took = quantized;
                quantized += 1.0;
            }
            Path f = Files.createDirectories(dir.resolve("stages").resolve(s.key()));
            Files.writeString(
                    f.resolve("stage.yaml"),
                    "kind: " + s.kind().name() + "\nkey: " + s.key() + "\nseconds: " + took + "\n");
        }
        Files.createDirectories(dir.resolve("stages").resolve(".tmp-unfinished"));
        StageTimes times = StageTimes.read(dir);
        assertEquals(5, times.seconds().size());
        assertEquals(5, times.of(small).size());
        Map<String, Double> ratios = times.ratios(small);
        assertEquals(2.0, ratios.get("TRAIN_BASELINE"), 1e-9);
        assertEquals(3.0, ratios.get("PRUNE"), 1e-9);
        assertEquals(null, ratios.get("QUANTIZE"), "no estimate to compare with");
        assertTrue(ratios.get("*") > 2.0 && ratios.get("*") < 3.0, ratios.toString());

        // a larger tree: more ratios, 4 bits too, and a distilled student (a kind never measured)
        Sweep big =
                Sweep.builder()
                        .name("big")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .teacher("mlp")
                        .distill(d -> d.temperature(2.0, 4.0))
                        .prune(p -> p.ratio(0.5, 0.7, 0.9).finetuneEpochs(1))
                        .quantize(q -> q.bits(8, 4))
                        .build();
        Plan target = Planner.plan(big);
        Map<String, Double> predicted = times.predict(target, small);
        for (Stage s : target.stages()) {
            if (s.kind().equals(StageKind.MEASURE)) {
                assertTrue(!predicted.containsKey(s.key()), s.label());
                continue;
            }
            double expected =
                    times.seconds().containsKey(s.key())
                            ? times.seconds().get(s.key())
                            : s.kind().name().equals("QUANTIZE")
                                    ? 1.0 // the mean of the measured quantizations
                                    : s.estimatedSeconds()
                                            * ratios.getOrDefault(s.kind().name(), ratios.get("*"));
            assertEquals(expected, predicted.get(s.key()), 1e-9, s.label());
        }
        assertTrue(
                target.stages().stream().anyMatch(s -> s.kind().name().equals("DISTILL")),
                "the target has a kind the run never measured");
        assertTrue(predicted.values().stream().allMatch(v -> v > 0), "every stage has a time");
    }

    @Test
    void aFolderWithoutStages_isOneClearError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StageTimes.read(dir));
        assertEquals(
                dir + ": no stages/ folder (not a run folder, or nothing ran yet)", e.getMessage());
    }
}
