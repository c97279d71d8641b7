package dev.frontier.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizationTest {
    static DataSplits data;

    @TempDir Path dir;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(
                                DataRequest.of(Datasets.SYNTHETIC)
                                        .withLimit(1000)
                                        .withTestLimit(300));
    }

    static FrontierModel trained() {
        FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 11);
        new TrainingLoop(TrainConfig.adam(2), TrainingHooks.standard(), TrainingProgress.silent())
                .train(m, data.train(), data.validation(), data.mean(), data.std());
        return m;
    }

    @Test
    void prunedQuantizedFile_readsBackToTheSameModelAndAccuracy() throws IOException {
        try (FrontierModel m = trained()) {
            LayerMap layers = LayerMap.of(m.block());
            try (Masks masks =
                    new MagnitudePruner(MagnitudePruner.Scope.LAYER, layers.defaultExcluded())
                            .masks(layers, 0.9, m.djlModel().getNDManager())) {
                masks.apply(layers);
            }
            FrontierModel fp32Copy = FrontierModel.create(m.spec(), Device.cpu(), 0);
            dev.frontier.train.TrainingLoop.restore(
                    fp32Copy, dev.frontier.train.TrainingLoop.snapshot(m));
            Map<String, TensorEncoding> enc = WeightQuantizer.apply(m, QuantSettings.weights(4));
            Evaluation simulated =
                    new Evaluator(100).evaluate(m, data.test(), data.mean(), data.std());
            Path file = dir.resolve("lenet5.frontier");
            SizeReport size = ModelPacker.write(fp32Copy, enc, true, true, file);
            fp32Copy.close();
            assertEquals(Files.size(file), size.fileBytes());
            assertEquals(61_706, size.parameterCount()); // lenet5 has no BatchNorm: all values are
            // weights/biases
            assertTrue(size.compressionRatio() > 15, "ratio " + size.compressionRatio());
            try (FrontierModel back = ModelPacker.read(file, Device.cpu())) {
                assertArrayEquals(
                        dev.frontier.train.TrainingLoop.snapshot(m),
                        dev.frontier.train.TrainingLoop.snapshot(back));
                Evaluation reread =
                        new Evaluator(100).evaluate(back, data.test(), data.mean(), data.std());
                assertEquals(simulated.accuracy().successes(), reread.accuracy().successes());
            }
        }
    }

    @Test
    void quantizedWeights_takeAtMost2PowBitsValuesPerChannel() {
        try (FrontierModel m = trained()) {
            WeightQuantizer.apply(m, QuantSettings.weights(3).withOverrides(Map.of("fc3", 8)));
            LayerMap l = LayerMap.of(m.block());
            float[] w = l.get("fc1").weight().getArray().toFloatArray();
            int per = 400;
            long distinct =
                    java.util.stream.IntStream.range(0, per)
                            .mapToDouble(i -> w[i])
                            .distinct()
                            .count();
            assertTrue(
                    distinct <= 7,
                    "row 0 of fc1 has " + distinct + " distinct values at 3 bits symmetric");
            float[] w3 = l.get("fc3").weight().getArray().toFloatArray();
            long d3 =
                    java.util.stream.IntStream.range(0, 84)
                            .mapToDouble(i -> w3[i])
                            .distinct()
                            .count();
            assertTrue(d3 > 7, "fc3 kept 8 bits: " + d3);
        }
    }

    @Test
    void eightBitPerChannel_barelyChangesAccuracy() {
        try (FrontierModel m = trained()) {
            double before =
                    new Evaluator(100)
                            .evaluate(m, data.test(), data.mean(), data.std())
                            .accuracy()
                            .value();
            WeightQuantizer.apply(m, QuantSettings.weights(8));
            double after =
                    new Evaluator(100)
                            .evaluate(m, data.test(), data.mean(), data.std())
                            .accuracy()
                            .value();
            assertEquals(before, after, 0.01);
        }
    }

    @Test
    void overrideOfUnknownLayer_listsTheLayers() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    WeightQuantizer.apply(
                                            m,
                                            QuantSettings.weights(4)
                                                    .withOverrides(Map.of("fc9", 8))));
            assertTrue(e.getMessage().contains("no layer 'fc9'"), e.getMessage());
        }
    }

    @Test
    void invalidBits_areRejectedWithTheField() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> QuantSettings.weights(4).withOverrides(Map.of("conv1", 12)));
        assertTrue(
                e.getMessage()
                        .contains(
                                "overrides.conv1 must be 1..8 (integer), 16 (half float) or 32 (float reference), got 12"),
                e.getMessage());
    }

    @Test
    void prunedFp32File_storesOnlyTheNonZeros() throws IOException {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            LayerMap layers = LayerMap.of(m.block());
            try (Masks masks =
                    new MagnitudePruner(MagnitudePruner.Scope.GLOBAL, layers.defaultExcluded())
                            .masks(layers, 0.9, m.djlModel().getNDManager())) {
                masks.apply(layers);
            }
            SizeReport r =
                    ModelPacker.write(m, Map.of(), true, true, dir.resolve("sparse.frontier"));
            long nonZeros = r.nonZeros();
            // fp32 values of the non-zeros plus at most one bit per position, plus headers
            assertTrue(
                    r.fileBytes() < nonZeros * 4 + 61_706 / 8 + 4_000,
                    "file " + r.fileBytes() + " for " + nonZeros + " non-zeros:\n" + r.toTable());
        }
    }

    @Test
    void fp32File_isAsLargeAsTheDenseModel() throws IOException {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            SizeReport r =
                    ModelPacker.write(m, Map.of(), false, false, dir.resolve("dense.frontier"));
            assertEquals(61_706L * 4, r.denseFp32Bytes());
            assertTrue(r.fileBytes() >= r.denseFp32Bytes(), "file " + r.fileBytes());
            assertTrue(
                    r.compressionRatio() < 1.01 && r.compressionRatio() > 0.95,
                    "ratio " + r.compressionRatio());
            assertNotEquals(0, r.fileBytes());
        }
    }
}
