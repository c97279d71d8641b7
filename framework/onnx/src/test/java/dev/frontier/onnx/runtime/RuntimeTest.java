package dev.frontier.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.stats.Proportion;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeTest {
    @TempDir Path dir;

    @Test
    void ortRuntime_reportsTheConfiguredThreads_andItsName() throws Exception {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("mlp", 1), 1)) {
            Path f = OnnxExporter.fp32().export(m).write(dir.resolve("mlp.onnx"));
            try (OrtRuntime rt = OrtRuntime.load(f, m.spec(), OrtOptions.threads(2))) {
                assertEquals(2, rt.threads());
                assertEquals("onnxruntime", rt.name());
                assertEquals("fp32", rt.precision());
                assertEquals(3, rt.kernels().fp32Kernels());
            }
        }
    }

    @Test
    void bothRuntimes_giveTheSameAccuracyOnTheSameFp32Model() throws Exception {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 4);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            Proportion a = RuntimeAccuracy.evaluate(ort, d.test(), d.mean(), d.std(), 50);
            Proportion b =
                    RuntimeAccuracy.evaluate(DjlRuntime.of(m, 1), d.test(), d.mean(), d.std(), 64);
            assertEquals(b.successes(), a.successes());
            assertEquals(200, a.total());
        }
    }

    @Test
    void wrongInputLength_isRejectedWithTheExpectedShape() throws Exception {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("mlp", 1), 1);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ort.run(new float[100], 1));
            assertTrue(e.getMessage().contains("1x28x28 (784 floats)"), e.getMessage());
        }
    }

    @Test
    void dynamicBatch_acceptsAnyBatchSizeFromOneExport() throws Exception {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 1);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            float[] x3 = Fixtures.images(d.test(), 3, d.mean(), d.std());
            float[] y3 = ort.run(x3, 3);
            float[] y1 = ort.run(java.util.Arrays.copyOfRange(x3, 784 * 2, 784 * 3), 1);
            assertEquals(30, y3.length);
            for (int c = 0; c < 10; c++) {
                assertEquals(y3[20 + c], y1[c], 1e-5);
            }
        }
    }

    @Test
    void kernelReport_callsAGraphWithBothKindsMixed() {
        assertEquals(
                "mixed",
                new KernelReport(Map.of("QLinearConv", 2, "FusedConv", 1)).kernelPrecision());
        assertEquals(
                "int8",
                new KernelReport(Map.of("QGemm", 3, "QuantizeLinear", 1)).kernelPrecision());
        assertEquals("fp32", new KernelReport(Map.of("Gemm", 3)).kernelPrecision());
    }

    @Test
    void negativeThreadCount_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> OrtOptions.threads(-1));
        assertEquals("1", OrtOptions.threads(3).djlLoadOptions().get("interOpNumThreads"));
        assertEquals("3", OrtOptions.threads(3).djlLoadOptions().get("intraOpNumThreads"));
    }
}
