package dev.frontier.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.compress.LayerMap;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.quant.ActivationQuant;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QdqExportTest {
    @TempDir Path dir;

    private static ExportedModel int8(FrontierModel m, DataSplits d, WeightQuant w) {
        QuantPlan plan =
                new ActivationCalibrator(CalibrationMethod.MIN_MAX, 256, 64)
                        .plan(m, d.validation(), d.mean(), d.std(), w);
        return OnnxExporter.qdq(plan).export(m);
    }

    @Test
    void qdqExport_storesInt8WeightsWithOneScalePerOutputChannel() {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5)) {
            ExportedModel e = int8(m, d, WeightQuant.int8());
            TensorProto w = initializer(e, "conv2.weight.quantized");
            assertEquals(TensorProto.DataType.INT8_VALUE, w.getDataType());
            assertEquals(List.of(16L, 6L, 5L, 5L), w.getDimsList());
            assertEquals(List.of(16L), initializer(e, "conv2.weight.scale").getDimsList());
            NodeProto dq =
                    e.proto().getGraph().getNodeList().stream()
                            .filter(
                                    n ->
                                            n.getOpType().equals("DequantizeLinear")
                                                    && n.getInput(0)
                                                            .equals("conv2.weight.quantized"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(0, dq.getAttribute(0).getI());
            assertEquals(5, e.opTypes().stream().filter("QuantizeLinear"::equals).count());
            assertEquals("int8", e.kernelPrecision());
        }
    }

    @Test
    void int8FirstConvOnOneChannel_isA1x1ConvOverPatchColumnsOfTheInputCodes() {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5)) {
            ExportedModel e = int8(m, d, WeightQuant.int8());
            TensorProto w = initializer(e, "conv1.weight.quantized");
            assertEquals(List.of(6L, 28L, 1L, 1L), w.getDimsList());
            // filter o's weight at (ky, kx) is input channel ky * 5 + kx; channels 25..27 are zero
            byte[] codes = w.getRawData().toByteArray();
            float[] scales = floats(initializer(e, "conv1.weight.scale"));
            float[] fp32 = floats(initializer(OnnxExporter.fp32().export(m), "conv1.weight"));
            int nonZero = 0;
            for (int o = 0; o < 6; o++) {
                for (int i = 0; i < 28; i++) {
                    long expected =
                            i < 25
                                    ? Math.max(
                                            -127,
                                            Math.min(127, Math.round(fp32[o * 25 + i] / scales[o])))
                                    : 0;
                    assertEquals(expected, codes[o * 28 + i], "filter " + o + " column " + i);
                    nonZero += codes[o * 28 + i] != 0 ? 1 : 0;
                }
            }
            assertTrue(nonZero > 100, "real filters kept their codes: " + nonZero);
            assertEquals(25, e.opTypes().stream().filter("Slice"::equals).count());
            assertEquals(1, e.opTypes().stream().filter("Concat"::equals).count());
            NodeProto channelPad =
                    e.proto().getGraph().getNodeList().stream()
                            .filter(n -> n.getOpType().equals("Pad"))
                            .filter(n -> n.getInput(0).startsWith("input.patches"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(
                    List.of(0L, 0L, 0L, 0L, 0L, 3L, 0L, 0L),
                    longs(initializer(e, channelPad.getInput(1))));
            assertEquals(
                    initializer(e, "input.zero_point").getRawData(),
                    initializer(e, channelPad.getInput(2)).getRawData());
            NodeProto conv1 =
                    e.proto().getGraph().getNodeList().stream()
                            .filter(n -> n.getOpType().equals("Conv"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(List.of(1L, 1L), conv1.getAttribute(0).getIntsList());
            assertEquals(
                    List.of(16L, 6L, 5L, 5L),
                    initializer(e, "conv2.weight.quantized").getDimsList(),
                    "only the 1-channel layer is rewritten");
        }
    }

    private static float[] floats(TensorProto t) {
        java.nio.FloatBuffer b =
                t.getRawData()
                        .asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void asymmetricPerChannelConvWithInt8Inputs_isRejectedNamingTheLayer_butGemmOnlyModelsExport() {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5);
                FrontierModel mlp = Fixtures.model(ModelSpec.of("mlp", 1), 5)) {
            UnsupportedLayerException e =
                    assertThrows(
                            UnsupportedLayerException.class,
                            () -> int8(m, d, new WeightQuant(8, false, true)));
            assertTrue(
                    e.getMessage().contains("conv1") && e.getMessage().contains("zero point"),
                    e.getMessage());
            assertEquals("int8", int8(mlp, d, new WeightQuant(8, false, true)).kernelPrecision());
            assertEquals("int8", int8(m, d, new WeightQuant(8, false, false)).kernelPrecision());
        }
    }

    private static List<Long> longs(TensorProto t) {
        java.nio.LongBuffer b =
                t.getRawData()
                        .asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .asLongBuffer();
        List<Long> out = new java.util.ArrayList<>();
        while (b.hasRemaining()) {
            out.add(b.get());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet5", "cnn", "resnet8", "resnet20", "mobilenet"})
    void qdqModel_runsEveryConvAndGemmOnInt8KernelsInOrt(String name) throws Exception {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of(name, 1), 5);
                OrtRuntime ort = Fixtures.ort(int8(m, d, WeightQuant.int8()), dir)) {
            assertEquals("int8", ort.precision(), "ORT kernels: " + ort.kernels().opCounts());
            assertEquals(LayerMap.of(m.block()).layers().size(), ort.kernels().int8Kernels());
        }
    }

    @ParameterizedTest
    @CsvSource({"resnet8,3", "resnet20,9"})
    void residualSums_runAsInt8QLinearAdd_withNoFloatAddLeft(String name, int sums)
            throws Exception {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of(name, 1), 5);
                OrtRuntime ort = Fixtures.ort(int8(m, d, WeightQuant.int8()), dir)) {
            Map<String, Integer> ops = ort.kernels().opCounts();
            assertEquals(sums, ops.getOrDefault("QLinearAdd", 0), ops.toString());
            assertEquals(0, ops.getOrDefault("Add", 0), ops.toString());
            assertEquals(0, ops.getOrDefault("Relu", 0), ops.toString());
            assertEquals(1, ops.getOrDefault("QLinearGlobalAveragePool", 0), ops.toString());
            assertEquals("int8", ort.precision());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "cnn", "resnet8", "resnet20", "mobilenet"})
    void int8Logits_agreeWithFp32OnNineInTenSyntheticImages(String name) throws Exception {
        DataSplits d = Fixtures.synthetic();
        int n = 100;
        float[] x = Fixtures.images(d.test(), n, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(ModelSpec.of(name, 1), 11);
                OrtRuntime fp32 = Fixtures.ort(OnnxExporter.fp32().export(m), dir);
                OrtRuntime int8 = Fixtures.ort(int8(m, d, WeightQuant.int8()), dir)) {
            double agreement = Fixtures.argmaxAgreement(fp32.run(x, n), int8.run(x, n), 10);
            assertTrue(agreement >= 0.9, name + ": int8 and fp32 agree on " + agreement);
        }
    }

    @Test
    void fourBitWeights_areStoredAsInt8WithinPlusMinus7() {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5)) {
            ExportedModel e = int8(m, d, WeightQuant.symmetric(4));
            byte[] q = initializer(e, "fc1.weight.quantized").getRawData().toByteArray();
            int min = 0;
            int max = 0;
            for (byte b : q) {
                min = Math.min(min, b);
                max = Math.max(max, b);
            }
            assertEquals(-7, min);
            assertEquals(7, max);
            assertEquals("int8", e.kernelPrecision());
        }
    }

    @Test
    void weightOnlyPlan_isFp32KernelPrecision_andKeepsFloatBias() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5)) {
            QuantPlan plan =
                    QuantPlan.uniform(List.of("conv1", "fc3"), WeightQuant.int8(), Map.of());
            ExportedModel e = OnnxExporter.qdq(plan).export(m);
            assertEquals("fp32", e.kernelPrecision());
            assertEquals(
                    TensorProto.DataType.FLOAT_VALUE, initializer(e, "conv1.bias").getDataType());
            assertEquals(0, e.opTypes().stream().filter("QuantizeLinear"::equals).count());
        }
    }

    @Test
    void planNamingAnUnknownLayer_isRejectedListingTheModelsLayers() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 5)) {
            QuantPlan plan =
                    QuantPlan.uniform(
                            List.of("conv9"),
                            WeightQuant.int8(),
                            Map.of("conv9", ActivationQuant.uint8Range(0, 1)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> OnnxExporter.qdq(plan).export(m));
            assertTrue(
                    e.getMessage().contains("[conv9]")
                            && e.getMessage().contains("[conv1, conv2, fc1, fc2, fc3]"),
                    e.getMessage());
        }
    }

    @Test
    void planNamingAnUnknownSumPoint_isRejectedListingTheModelsPoints() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("resnet8", 0.25), 5)) {
            QuantPlan plan =
                    QuantPlan.none()
                            .withTensors(Map.of("add4.a", ActivationQuant.uint8Range(0, 1)));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> OnnxExporter.qdq(plan).export(m));
            assertTrue(
                    e.getMessage().contains("[add4.a]")
                            && e.getMessage().contains("add3.out, pool1.in]"),
                    e.getMessage());
        }
    }

    private static TensorProto initializer(ExportedModel e, String name) {
        return e.proto().getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no initializer " + name));
    }
}
