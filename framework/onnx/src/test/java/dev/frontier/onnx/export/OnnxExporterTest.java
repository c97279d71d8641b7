package dev.frontier.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnnxExporterTest {
    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource({
        "mlp,1e-4",
        "lenet5,1e-4",
        "cnn,1e-4",
        "resnet8,1e-4",
        "resnet20,5e-4",
        "mobilenet,1e-4"
    })
    void fp32Export_matchesDjlLogits_onSyntheticImages(String name, double tolerance)
            throws Exception {
        DataSplits d = Fixtures.synthetic();
        float[] x = Fixtures.images(d.test(), 32, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(ModelSpec.of(name, 1), 7);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            double diff = Fixtures.maxAbsDiff(ort, DjlRuntime.of(m, 1), x, 32);
            // resnet20's nine blocks with random BatchNorm statistics accumulate float rounding to
            // 2.4e-4
            assertTrue(diff <= tolerance, name + ": max |ORT - DJL| = " + diff);
            assertEquals("fp32", ort.precision());
        }
    }

    @Test
    void structurallyPrunedCnn_exportsItsNarrowerWidths_andMatchesDjl() throws Exception {
        ModelSpec pruned = ModelSpec.of("cnn", 1).withHidden(List.of(16, 16, 32, 32, 64));
        DataSplits d = Fixtures.synthetic();
        float[] x = Fixtures.images(d.test(), 16, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(pruned, 3)) {
            ExportedModel e = OnnxExporter.fp32().export(m);
            long conv1Dims =
                    e.proto().getGraph().getInitializerList().stream()
                            .filter(t -> t.getName().equals("conv1.weight"))
                            .findFirst()
                            .orElseThrow()
                            .getDims(0);
            assertEquals(16, conv1Dims);
            try (OrtRuntime ort = Fixtures.ort(e, dir)) {
                assertTrue(Fixtures.maxAbsDiff(ort, DjlRuntime.of(m, 1), x, 16) <= 1e-4);
            }
        }
    }

    @Test
    void export_foldsBatchNorm_soTheCnnGraphHasNoBatchNormalizationNode() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 1)) {
            List<String> ops = OnnxExporter.fp32().export(m).opTypes();
            assertEquals(0, ops.stream().filter("BatchNormalization"::equals).count());
            assertEquals(4, ops.stream().filter("Conv"::equals).count());
            assertEquals(2, ops.stream().filter("Gemm"::equals).count());
        }
    }

    @Test
    void export_declaresDynamicBatchInputNamedInput_andLogitsOutput_atOpset13() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 1)) {
            ModelProto p = OnnxExporter.fp32().export(m).proto();
            assertEquals(13, p.getOpsetImport(0).getVersion());
            assertEquals("input", p.getGraph().getInput(0).getName());
            List<TensorShapeProto.Dimension> dims =
                    p.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
            assertEquals("N", dims.get(0).getDimParam());
            assertEquals(
                    List.of(1L, 28L, 28L),
                    dims.subList(1, 4).stream()
                            .map(TensorShapeProto.Dimension::getDimValue)
                            .toList());
            assertEquals("logits", p.getGraph().getOutput(0).getName());
            assertEquals(
                    10,
                    p.getGraph()
                            .getOutput(0)
                            .getType()
                            .getTensorType()
                            .getShape()
                            .getDim(1)
                            .getDimValue());
        }
    }

    @Test
    void resnet8Export_hasThreeResidualAddsAndGlobalAveragePool() {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("resnet8", 1), 1)) {
            List<String> ops = OnnxExporter.fp32().export(m).opTypes();
            assertEquals(3, ops.stream().filter("Add"::equals).count());
            assertEquals(1, ops.stream().filter("GlobalAveragePool"::equals).count());
            assertEquals(9, ops.stream().filter("Conv"::equals).count());
        }
    }

    @Test
    void blockWithDropout_isRejectedWithLayerPathAndType() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).build())
                        .add(Dropout.builder().build())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(10).build());
        UnsupportedLayerException e = exportCustom(block);
        assertEquals("02Dropout", e.layer());
        assertEquals("Dropout", e.type());
        assertTrue(e.getMessage().contains("'02Dropout' of type Dropout"), e.getMessage());
    }

    @Test
    void maxPoolOtherThan2x2Stride2_isRejectedNotMistranslated() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                Conv2d.builder()
                                        .setFilters(4)
                                        .setKernelShape(new Shape(3, 3))
                                        .optPadding(new Shape(1, 1))
                                        .build())
                        .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)))
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(10).build());
        UnsupportedLayerException e = exportCustom(block);
        assertEquals("02LambdaBlock", e.layer());
        assertTrue(e.getMessage().contains("2x2 max pooling"), e.getMessage());
    }

    @Test
    void unknownActivation_isRejectedNamingTheFunction() {
        SequentialBlock block =
                new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(10).build())
                        .add(Activation.geluBlock());
        UnsupportedLayerException e = exportCustom(block);
        assertEquals("LambdaBlock 'GELU'", e.type());
    }

    private static UnsupportedLayerException exportCustom(SequentialBlock block) {
        ModelSpec spec = ModelSpec.of("lenet5", 1);
        try (FrontierModel holder = Fixtures.model(spec, 1)) {
            var manager = holder.djlModel().getNDManager().newSubManager();
            try (manager) {
                block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
                return assertThrows(
                        UnsupportedLayerException.class,
                        () -> OnnxExporter.fp32().export(spec, block, manager));
            }
        }
    }
}
