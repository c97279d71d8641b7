package dev.frontier.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.compress.LayerMap;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factored linear layer exports as two real Gemm nodes (never re-multiplied), runs on ONNX
 * Runtime with DJL's logits, and quantizes to int8 kernels part by part.
 */
class LowRankExportTest {
    @TempDir Path dir;

    private static final ModelSpec MLP =
            ModelSpec.of("mlp", 1).withRanks(Map.of("fc1", 20, "fc2", 10));

    /**
     * conv2 (16 to 16 filters) as 4 3x3 filters then a 1x1 convolution; the BatchNorms after conv2
     * and fc1 fold into conv2.b and fc1.b.
     */
    private static final ModelSpec CNN =
            ModelSpec.of("cnn", 0.5).withRanks(Map.of("conv2", 4, "fc1", 8));

    @Test
    void factoredMlp_exportsTwoGemmsPerFactoredLayer_andMatchesDjlOnOrt() throws Exception {
        DataSplits d = Fixtures.synthetic();
        float[] x = Fixtures.images(d.test(), 32, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(MLP, 7)) {
            ExportedModel e = OnnxExporter.fp32().export(m);
            assertEquals(
                    5, e.opTypes().stream().filter("Gemm"::equals).count(), e.opTypes().toString());
            assertEquals(List.of(20L, 784L), dims(e, "fc1.a.weight"));
            assertEquals(List.of(300L, 20L), dims(e, "fc1.b.weight"));
            assertEquals(List.of(10L, 300L), dims(e, "fc2.a.weight"));
            // no initializer holds a product of the factors (300 x 784 would be fc1's dense
            // weights)
            long initialized =
                    e.proto().getGraph().getInitializerList().stream()
                            .mapToLong(t -> t.getDimsList().stream().reduce(1L, (a, b) -> a * b))
                            .sum();
            assertTrue(
                    initialized < m.parameterCount() + 100, "exported " + initialized + " values");
            try (OrtRuntime ort = Fixtures.ort(e, dir)) {
                double diff = Fixtures.maxAbsDiff(ort, DjlRuntime.of(m, 1), x, 32);
                assertTrue(diff <= 1e-4, "max |ORT - DJL| = " + diff);
            }
        }
    }

    @Test
    void factoredCnn_foldsTheBatchNormsIntoTheSecondParts_andMatchesDjlOnOrt() throws Exception {
        DataSplits d = Fixtures.synthetic();
        float[] x = Fixtures.images(d.test(), 16, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(CNN, 3)) {
            ExportedModel e = OnnxExporter.fp32().export(m);
            List<String> ops = e.opTypes();
            assertEquals(
                    0, ops.stream().filter("BatchNormalization"::equals).count(), ops.toString());
            assertEquals(3, ops.stream().filter("Gemm"::equals).count(), ops.toString());
            assertEquals(5, ops.stream().filter("Conv"::equals).count(), ops.toString());
            assertEquals(List.of(64L, 8L), dims(e, "fc1.b.weight"));
            assertEquals(List.of(4L, 16L, 3L, 3L), dims(e, "conv2.a.weight"));
            assertEquals(List.of(16L, 4L, 1L, 1L), dims(e, "conv2.b.weight"));
            try (OrtRuntime ort = Fixtures.ort(e, dir)) {
                double diff = Fixtures.maxAbsDiff(ort, DjlRuntime.of(m, 1), x, 16);
                assertTrue(diff <= 1e-4, "max |ORT - DJL| = " + diff);
            }
        }
    }

    @Test
    void int8ExportOfFactoredModels_runsEveryPartOnInt8Kernels_andAgreesWithFp32()
            throws Exception {
        DataSplits d = Fixtures.synthetic();
        int n = 100;
        float[] x = Fixtures.images(d.test(), n, d.mean(), d.std());
        for (ModelSpec spec : List.of(MLP, CNN)) {
            try (FrontierModel m = Fixtures.model(spec, 11)) {
                QuantPlan plan =
                        new ActivationCalibrator(CalibrationMethod.MIN_MAX, 256, 64)
                                .plan(m, d.validation(), d.mean(), d.std(), WeightQuant.int8());
                assertTrue(plan.get("fc1.b").isPresent(), "the plan covers both parts");
                try (OrtRuntime fp32 = Fixtures.ort(OnnxExporter.fp32().export(m), dir);
                        OrtRuntime int8 = Fixtures.ort(OnnxExporter.qdq(plan).export(m), dir)) {
                    assertEquals("int8", int8.precision(), int8.kernels().opCounts().toString());
                    assertEquals(
                            LayerMap.of(m.block()).layers().size(),
                            int8.kernels().int8Kernels(),
                            spec.canonical() + ": " + int8.kernels().opCounts());
                    double agreement = Fixtures.argmaxAgreement(fp32.run(x, n), int8.run(x, n), 10);
                    assertTrue(agreement >= 0.9, spec.canonical() + ": agree on " + agreement);
                }
            }
        }
    }

    private static List<Long> dims(ExportedModel e, String name) {
        TensorProto t =
                e.proto().getGraph().getInitializerList().stream()
                        .filter(i -> i.getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no initializer " + name));
        return t.getDimsList();
    }
}
