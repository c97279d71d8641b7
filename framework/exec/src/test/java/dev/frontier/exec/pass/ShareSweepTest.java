package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.format.ModelFile;
import dev.frontier.codec.format.ModelFileReader;
import dev.frontier.codec.format.NamedTensor;
import dev.frontier.codec.quant.Precision;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * share in a real sweep (synthetic data, mlp at width 0.25, planner and stage runner), after 80%
 * pruning, at 2 and 4 index bits, measured on ONNX Runtime from the model file it wrote.
 */
class ShareSweepTest {
    @TempDir Path dir;

    @Test
    void pruneThenShare_storesCodebooksAndIndices_keepsTheZeros_andRunsFp32OnOrt()
            throws IOException {
        Sweep sweep =
                Sweep.builder()
                        .name("share")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(0.8).finetuneEpochs(1))
                        .pass("share", p -> p.set("bits", 2, 4))
                        .runtime(Backend.ONNXRUNTIME)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r =
                StoreFaultsTest.runner(dir.resolve("mlruns"), log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        assertEquals(2, r.trialRecords().size());
        TrialRecord two = byBits(r, "2");
        TrialRecord four = byBits(r, "4");
        for (TrialRecord t : new TrialRecord[] {two, four}) {
            int bits = t == two ? 2 : 4;
            Path file = Path.of(t.facts().get("model_file"));
            assertEquals((double) Files.size(file), t.metrics().get("size_bytes"));
            assertEquals(3, Files.readAllBytes(file)[4], "format version of " + file);
            ModelFile mf = ModelFileReader.read(file);
            int sharedTensors = 0;
            for (NamedTensor n : mf.tensors()) {
                if (n.encoding().precision() instanceof Precision.Shared s) {
                    sharedTensors++;
                    assertEquals(bits, s.indexBits());
                    Set<Float> distinct = new HashSet<>();
                    for (float v : n.values()) {
                        if (v != 0f) {
                            distinct.add(v);
                        }
                    }
                    assertTrue(distinct.size() <= 1 << bits, n.name() + ": " + distinct.size());
                }
            }
            assertEquals(3, sharedTensors, "fc1, fc2, fc3 weights shared");
            // the pruned zeros are still there: the file's sparsity is what pruning asked for
            assertEquals(
                    t.metrics().get("sparsity_target"), t.metrics().get("sparsity"), 0.005, "" + t);
            // weights only: ORT runs the codebook values as fp32 weights with fp32 kernels
            assertEquals("fp32", t.facts().get("kernel_precision"), t.facts().toString());
            assertTrue(t.metrics().get("latency_p50_ms") > 0);
        }
        assertTrue(
                two.metrics().get("size_bytes") < four.metrics().get("size_bytes"),
                two.metrics().get("size_bytes") + " vs " + four.metrics().get("size_bytes"));
        System.out.printf(
                "share sweep: 2-bit %.0f B acc %.3f; 4-bit %.0f B acc %.3f; sparsity %.3f%n",
                two.metrics().get("size_bytes"),
                two.metrics().get("accuracy"),
                four.metrics().get("size_bytes"),
                four.metrics().get("accuracy"),
                four.metrics().get("sparsity"));
    }

    private static TrialRecord byBits(SweepResult r, String bits) {
        return r.trialRecords().stream()
                .filter(t -> bits.equals(t.params().get("share.bits")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no trial at "
                                                + bits
                                                + " bits: "
                                                + r.trialRecords().stream()
                                                        .map(TrialRecord::params)
                                                        .toList()));
    }
}
