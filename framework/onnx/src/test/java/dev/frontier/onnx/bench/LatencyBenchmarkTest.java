package dev.frontier.onnx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyBenchmarkTest {
    @TempDir Path dir;

    @Test
    void percentile_usesNearestRank_andMedianAveragesTheMiddlePair() {
        double[] v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
        assertEquals(5, LatencyBenchmark.percentile(v, 0.5));
        assertEquals(10, LatencyBenchmark.percentile(v, 0.95));
        assertEquals(5.5, LatencyBenchmark.median(v));
        assertEquals(3, LatencyBenchmark.median(new double[] {9, 3, 1}));
    }

    @Test
    void interleavedRun_namesRuntimePrecisionAndThreads_forEachResult() throws Exception {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("mlp", 1), 1);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            List<LatencyResult> rs =
                    new LatencyBenchmark(new BenchSettings(2, 10, 8, 2, 2))
                            .measureInterleaved(List.of(ort, DjlRuntime.of(m, 1)));
            assertEquals("onnxruntime", rs.get(0).runtime());
            assertEquals("djl-pytorch", rs.get(1).runtime());
            assertEquals(1, rs.get(1).threads());
            for (LatencyResult r : rs) {
                assertEquals("fp32", r.precision());
                assertEquals(8, r.batch());
                assertTrue(r.p50Millis() > 0 && r.p95Millis() >= r.p50Millis(), r.toString());
                assertTrue(r.imagesPerSecond() > 0, r.toString());
            }
        }
    }

    @Test
    void halved_halvesEveryHiddenWidth() {
        assertEquals(
                List.of(16, 16, 32, 32, 64), RuntimeBench.halved(ModelSpec.of("cnn", 1)).hidden());
        assertEquals(
                List.of(3, 8, 60, 42), RuntimeBench.halved(ModelSpec.of("lenet5", 1)).hidden());
    }

    @Test
    void benchOptions_parseModelsThreadsAndQuick_andRejectUnknownOnes() {
        RuntimeBenchConfig c =
                RuntimeBenchConfig.parse("--model", "cnn", "--threads", "2", "--quick");
        assertEquals(List.of("cnn"), c.models());
        assertEquals(2, c.threads());
        assertEquals(BenchSettings.quick(), c.settings());
        assertEquals(Optional.empty(), c.checkpoint());
        assertEquals(List.of("lenet5", "cnn"), RuntimeBenchConfig.parse().models());
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RuntimeBenchConfig.parse("--model", "vgg"));
        assertTrue(
                e.getMessage().contains("known models: mlp, lenet5, cnn, resnet8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuntimeBenchConfig.parse("--fast"));
    }

    @Test
    void quickBench_onOneModel_reportsAllFourVariantsWithInt8Kernels() throws Exception {
        RuntimeBenchConfig c = RuntimeBenchConfig.parse("--model", "mlp", "--quick");
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        List<ModelBench> rs =
                RuntimeBench.run(
                        c,
                        new java.io.PrintStream(
                                buf, true, java.nio.charset.StandardCharsets.UTF_8));
        ModelBench b = rs.get(0);
        assertEquals("int8", b.ortInt8().precision());
        assertEquals("fp32", b.ortFp32().precision());
        assertEquals("djl-pytorch", b.djlFp32().runtime());
        assertTrue(b.sizeRatio() > 3.5, "int8 file should be ~4x smaller, ratio " + b.sizeRatio());
        String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("ORT int8 vs fp32") && text.contains("random init"), text);
    }

    @Test
    void checkpointOfAnotherModel_isRejectedNamingBoth() throws Exception {
        Path file = dir.resolve("mlp.ckpt");
        try (FrontierModel m = Fixtures.model(ModelSpec.of("mlp", 1), 1)) {
            dev.frontier.model.Checkpoint.save(m, file);
        }
        RuntimeBenchConfig c =
                RuntimeBenchConfig.parse(
                        "--model", "lenet5", "--checkpoint", file.toString(), "--quick");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                RuntimeBench.run(
                                        c,
                                        new java.io.PrintStream(
                                                java.io.OutputStream.nullOutputStream())));
        assertTrue(
                e.getMessage().contains("holds a mlp") && e.getMessage().contains("--model mlp"),
                e.getMessage());
    }
}
