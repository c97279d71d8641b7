package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lowrank in a real sweep (synthetic data, mlp at width 0.25), then 8-bit quantization of weights
 * and activations, measured on ONNX Runtime: rank 0.25 factors fc1 and fc2; rank 1.0 saves nothing,
 * so it leaves the model dense and is the control.
 */
class LowRankSweepTest {
    @TempDir Path dir;

    @Test
    void lowrankThenQuantize_reallyHasFewerParametersAndASmallerFile() throws IOException {
        Sweep sweep =
                Sweep.builder()
                        .name("lowrank")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .pass("lowrank", p -> p.set("rank", 0.25, 1.0))
                        .quantize(q -> q.bits(8).activations(true))
                        .runtime(Backend.ONNXRUNTIME)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r =
                StoreFaultsTest.runner(dir.resolve("mlruns"), log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        assertEquals(2, r.trialRecords().size());
        TrialRecord factored = byRank(r, "0.25");
        TrialRecord dense = byRank(r, "1");
        // 784-75-25-10: fc1 at rank 19 and fc2 at rank 6 (of 75 and 25), fc3 (the classifier) kept
        assertEquals(
                19 * (784 + 75) + 75 + 6 * (75 + 25) + 25 + 260, factored.metrics().get("params"));
        assertEquals(784 * 75 + 75 + 75 * 25 + 25 + 260, dense.metrics().get("params"));
        assertTrue(
                factored.facts().get("model").endsWith("ranks=fc1:19,fc2:6"),
                factored.facts().get("model"));
        double small = factored.metrics().get("size_bytes");
        double big = dense.metrics().get("size_bytes");
        assertTrue(small < big / 3, "factored file " + small + " B, dense " + big + " B");
        assertEquals((double) Files.size(Path.of(factored.facts().get("model_file"))), small);
        assertTrue(factored.metrics().get("latency_p50_ms") > 0);
        assertEquals("int8", factored.facts().get("kernel_precision"), factored.facts().toString());
        System.out.printf(
                "lowrank sweep: rank 0.25 %.0f params %.0f B acc %.3f p50 %.3f ms; rank 1.0 %.0f"
                        + " params %.0f B acc %.3f p50 %.3f ms%n",
                factored.metrics().get("params"),
                small,
                factored.metrics().get("accuracy"),
                factored.metrics().get("latency_p50_ms"),
                dense.metrics().get("params"),
                big,
                dense.metrics().get("accuracy"),
                dense.metrics().get("latency_p50_ms"));
    }

    private static TrialRecord byRank(SweepResult r, String rank) {
        return r.trialRecords().stream()
                .filter(t -> rank.equals(t.params().get("lowrank.rank")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no trial at rank "
                                                + rank
                                                + ": "
                                                + r.trialRecords().stream()
                                                        .map(TrialRecord::params)
                                                        .toList()));
    }
}
