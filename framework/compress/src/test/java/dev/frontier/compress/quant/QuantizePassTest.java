package dev.frontier.compress.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.WeightQuantizer;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.data.ImageSet;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QuantizePassTest {
    static DataSplits data;
    static byte[] trainedLenet;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(DataRequest.of(Datasets.SYNTHETIC).withLimit(800).withTestLimit(300));
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 5)) {
            new TrainingLoop(
                            TrainConfig.adam(2),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            trainedLenet = TrainingLoop.snapshot(m);
        }
    }

    static FrontierModel trained() {
        // loadParameters leaves a model untrainable with in-place hooks: copy value by value
        // instead
        try (FrontierModel loaded =
                FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 0)) {
            TrainingLoop.restore(loaded, trainedLenet);
            return dev.frontier.compress.ModelCopy.of(loaded);
        }
    }

    @Test
    void twoBitQat_beatsTwoBitPtq_andLeavesAtMostFourValuesPerChannel() {
        Evaluator ev = new Evaluator(150);
        QuantSettings twoBit = QuantSettings.weights(2);
        double ptq;
        try (FrontierModel m = trained()) {
            QuantizeResult r = QuantizePass.ptq(twoBit).apply(m, data, TrainingProgress.silent());
            ptq =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
        }
        try (FrontierModel m = trained()) {
            QuantizeResult r =
                    QuantizePass.qat(twoBit, TrainConfig.adam(2))
                            .apply(m, data, TrainingProgress.silent());
            double qat =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
            assertTrue(qat > ptq + 0.05, "2-bit QAT " + qat + " vs PTQ " + ptq);
            assertEquals(2, r.training().orElseThrow().epochs().size());
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                float[] w = l.weight().getArray().toFloatArray();
                int rows = (int) l.weight().getArray().getShape().get(0);
                int per = w.length / rows;
                for (int row = 0; row < rows; row++) {
                    int from = row * per;
                    long distinct =
                            IntStream.range(from, from + per)
                                    .mapToDouble(i -> w[i])
                                    .distinct()
                                    .count();
                    assertTrue(
                            distinct <= 4,
                            l.name() + " row " + row + " has " + distinct + " values at 2 bits");
                }
            }
        }
    }

    @Test
    void qatWithActivations_trainsThroughTheStagesAndReturnsTheirParams() {
        Evaluator ev = new Evaluator(150);
        try (FrontierModel m = trained()) {
            QuantSettings s =
                    QuantSettings.weights(4).withActivations(CalibrationMethod.PERCENTILE, 64);
            QuantizeResult r =
                    QuantizePass.qat(s, TrainConfig.adam(1))
                            .apply(m, data, TrainingProgress.silent());
            assertEquals(
                    java.util.List.of("conv1", "conv2", "fc1", "fc2", "fc3"),
                    java.util.List.copyOf(r.activations().keySet()));
            double acc =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
            assertTrue(acc > 0.5, "4-bit QAT with 8-bit activations reached only " + acc);
            assertEquals("int8", r.kernelPrecision());
        }
    }

    @Test
    void qatWithMinMax_movesTheActivationRangesTowardTheTrainingBatches() {
        // calibration sees low-contrast images (pixels x 0.6), training the full-contrast ones:
        // every layer's
        // input range is larger in training than at calibration
        DataSplits shifted =
                new DataSplits(
                        "shifted",
                        data.train(),
                        dimmed(data.validation(), 0.6),
                        data.test(),
                        data.mean(),
                        data.std(),
                        "test");
        QuantSettings s = QuantSettings.weights(4).withActivations(CalibrationMethod.MIN_MAX, 64);
        ActivationSettings act = ActivationSettings.of(s);
        Map<String, QuantParams> calibrated;
        Map<String, QuantParams> trainStats;
        try (FrontierModel m = trained();
                FakeQuantModel staged = FakeQuantModel.of(m)) {
            Set<String> all = staged.stages().keySet();
            calibrated = staged.calibrate(shifted.validation(), data.mean(), data.std(), act, all);
            trainStats = staged.calibrate(data.train(), data.mean(), data.std(), act, all);
        }
        Map<String, QuantParams> fixed;
        try (FrontierModel m = trained()) {
            fixed =
                    QuantizePass.qat(s, TrainConfig.adam(1))
                            .withActivationMomentum(1)
                            .apply(m, shifted, TrainingProgress.silent())
                            .activations();
        }
        assertEquals(calibrated, fixed, "momentum 1 keeps the calibrated ranges");
        Map<String, QuantParams> moved;
        try (FrontierModel m = trained()) {
            moved =
                    QuantizePass.qat(s, TrainConfig.adam(1))
                            .withActivationMomentum(0.5)
                            .apply(m, shifted, TrainingProgress.silent())
                            .activations();
        }
        assertEquals(calibrated.keySet(), moved.keySet());
        for (String layer : calibrated.keySet()) {
            float before = calibrated.get(layer).representableRange().max();
            float after = moved.get(layer).representableRange().max();
            float target = trainStats.get(layer).representableRange().max();
            assertTrue(
                    target > before * 1.2,
                    layer
                            + ": the test needs a larger range in training, "
                            + target
                            + " vs "
                            + before);
            assertTrue(
                    after > before,
                    layer + ": range max should have grown from " + before + ", is " + after);
        }
        // conv1's input is the normalized image, whatever the weights: its range must land near the
        // training data's
        float before = calibrated.get("conv1").representableRange().max();
        float after = moved.get("conv1").representableRange().max();
        float target = trainStats.get("conv1").representableRange().max();
        assertTrue(
                Math.abs(after - target) < 0.1 * Math.abs(target - before),
                "conv1 range max "
                        + after
                        + " should be near the training data's "
                        + target
                        + " (calibrated "
                        + before
                        + ")");
    }

    @Test
    void qatWithPercentile_keepsTheCalibratedRanges() {
        QuantSettings s =
                QuantSettings.weights(4).withActivations(CalibrationMethod.PERCENTILE, 64);
        Map<String, QuantParams> calibrated;
        try (FrontierModel m = trained();
                FakeQuantModel staged = FakeQuantModel.of(m)) {
            calibrated =
                    staged.calibrate(
                            data.validation(),
                            data.mean(),
                            data.std(),
                            ActivationSettings.of(s),
                            staged.stages().keySet());
        }
        try (FrontierModel m = trained()) {
            QuantizeResult r =
                    QuantizePass.qat(s, TrainConfig.adam(1))
                            .apply(m, data, TrainingProgress.silent());
            assertEquals(calibrated, r.activations());
        }
    }

    static ImageSet dimmed(ImageSet set, double factor) {
        int size = set.imageSize();
        byte[] px = new byte[set.size() * size];
        for (int i = 0; i < set.size(); i++) {
            for (int p = 0; p < size; p++) {
                px[i * size + p] = (byte) Math.round(set.pixel(i, p) * factor);
            }
        }
        return new ImageSet(
                px, set.labels(), set.channels(), set.rows(), set.cols(), set.classes());
    }

    @Test
    void mixedPrecision_quantizesOnlyIntegerLayersInputs_andHintsFp32() {
        try (FrontierModel m = trained()) {
            QuantSettings s =
                    QuantSettings.weights(4)
                            .withOverrides(Map.of("conv1", 32, "fc3", 8))
                            .withActivations(CalibrationMethod.MIN_MAX, 64);
            float[] conv1 = LayerMap.of(m.block()).get("conv1").weight().getArray().toFloatArray();
            QuantizeResult r = QuantizePass.ptq(s).apply(m, data, TrainingProgress.silent());
            assertEquals(
                    java.util.List.of("conv2", "fc1", "fc2", "fc3"),
                    java.util.List.copyOf(r.activations().keySet()));
            assertEquals("fp32", r.kernelPrecision());
            assertEquals("fp32", r.encodings().get("conv1").describe());
            assertEquals("int8 sym per-channel", r.encodings().get("fc3").describe());
            assertArrayEquals(
                    conv1, LayerMap.of(m.block()).get("conv1").weight().getArray().toFloatArray());
        }
    }

    @Test
    void fp16AndReference_giveTheirHintsAndNoActivationParams() {
        try (FrontierModel m = trained()) {
            byte[] before = TrainingLoop.snapshot(m);
            QuantizeResult ref =
                    QuantizePass.ptq(QuantSettings.weights(32))
                            .apply(m, data, TrainingProgress.silent());
            assertArrayEquals(before, TrainingLoop.snapshot(m));
            assertEquals("fp32", ref.kernelPrecision());
            QuantizeResult half =
                    QuantizePass.ptq(QuantSettings.weights(16))
                            .apply(m, data, TrainingProgress.silent());
            assertEquals("fp16", half.kernelPrecision());
            assertTrue(half.activations().isEmpty());
        }
    }

    @Test
    void badSettings_areRefusedNamingTheProblem() {
        IllegalArgumentException act =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                QuantizePass.ptq(
                                        QuantSettings.weights(16)
                                                .withActivations(CalibrationMethod.MSE, 8)));
        assertTrue(
                act.getMessage().contains("activation quantization needs integer weights"),
                act.getMessage());
        IllegalArgumentException qat =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> QuantizePass.qat(QuantSettings.weights(4), TrainConfig.adam(0)));
        assertTrue(
                qat.getMessage().contains("QAT needs at least one fine-tuning epoch"),
                qat.getMessage());
        try (FrontierModel m = trained()) {
            IllegalArgumentException layer =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    QuantizePass.ptq(
                                                    QuantSettings.weights(4)
                                                            .withOverrides(Map.of("fc7", 8)))
                                            .apply(m, data, TrainingProgress.silent()));
            assertTrue(layer.getMessage().contains("no layer 'fc7'"), layer.getMessage());
        }
    }

    @Test
    void qatHooks_restoreFp32WeightsBeforeTheStep() {
        try (FrontierModel m = trained()) {
            WeightQat qat = new WeightQat(QuantSettings.weights(2));
            float[] fp32 = LayerMap.of(m.block()).get("fc1").weight().getArray().toFloatArray();
            qat.swapIn(m, 0);
            float[] swapped = LayerMap.of(m.block()).get("fc1").weight().getArray().toFloatArray();
            assertTrue(
                    IntStream.range(0, 400).mapToDouble(i -> swapped[i]).distinct().count() <= 3);
            IllegalStateException twice =
                    assertThrows(IllegalStateException.class, () -> qat.swapIn(m, 1));
            assertTrue(twice.getMessage().contains("not restored"), twice.getMessage());
            qat.restore(m, 0);
            assertArrayEquals(
                    fp32, LayerMap.of(m.block()).get("fc1").weight().getArray().toFloatArray());
        }
    }

    @Test
    void mseQat_fitsClipRatiosOnTheFirstPass_andScalesThemWithTheWeightsUntilTheNextRefit() {
        QuantSettings s = QuantSettings.weights(4).withWeightFit(RangeFit.MSE);
        TensorEncoding mse = s.encodingFor("fc1");
        try (FrontierModel m = trained()) {
            WeightQat qat = new WeightQat(s);
            NDArray fc1 = LayerMap.of(m.block()).get("fc1").weight().getArray();
            int[] shape = {(int) fc1.getShape().get(0), (int) fc1.getShape().get(1)};
            float[] fp32 = fc1.toFloatArray();
            qat.swapIn(m, 0);
            float[] first = fc1.toFloatArray();
            assertArrayEquals(
                    mse.fakeQuantize(fp32, shape), first, 1e-6f, "pass 0 is a full MSE fit");
            assertTrue(maxAbs(first) < maxAbs(fp32), "the fit clips fc1's largest weights");
            qat.restore(m, 0);
            // every weight doubles: until the next refit the clip ratios stay, so the grid doubles
            // with them
            fc1.muli(2);
            qat.swapIn(m, 1);
            float[] second = fc1.toFloatArray();
            qat.restore(m, 1);
            for (int i = 0; i < first.length; i++) {
                assertEquals(2 * first[i], second[i], 1e-6f, "weight " + i);
            }
            // an outlier in row 0: a fresh MSE fit would clip it, the cached ratio (scaled with the
            // new range) does not
            float[] weights = fc1.toFloatArray();
            weights[0] = 5 * maxAbs(weights);
            fc1.set(java.nio.FloatBuffer.wrap(weights));
            qat.swapIn(m, 2);
            float[] third = fc1.toFloatArray();
            qat.restore(m, 2);
            assertFalse(java.util.Arrays.equals(mse.fakeQuantize(weights, shape), third));
            // the final quantization uses the grid of the last pass, not a fresh fit
            qat.quantizeWeights(m);
            assertArrayEquals(third, fc1.toFloatArray(), 0f);
        }
    }

    @Test
    void mseQat_beatsMsePtqAtTwoBits_andStoresTheGridItTrainedOn() {
        Evaluator ev = new Evaluator(150);
        QuantSettings s = QuantSettings.weights(2).withWeightFit(RangeFit.MSE);
        double ptq;
        try (FrontierModel m = trained()) {
            QuantizeResult r = QuantizePass.ptq(s).apply(m, data, TrainingProgress.silent());
            ptq =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
        }
        try (FrontierModel m = trained()) {
            QuantizeResult r =
                    QuantizePass.qat(s, TrainConfig.adam(2))
                            .apply(m, data, TrainingProgress.silent());
            double qat =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
            assertTrue(qat > ptq + 0.05, "2-bit MSE QAT " + qat + " vs PTQ " + ptq);
            assertEquals("int2 sym per-channel mse", r.encodings().get("fc1").describe());
            Map<String, float[]> before = new java.util.LinkedHashMap<>();
            LayerMap.of(m.block())
                    .layers()
                    .forEach(l -> before.put(l.name(), l.weight().getArray().toFloatArray()));
            // what the model file (and the ONNX export) do: re-quantize the stored weights with the
            // encodings
            WeightQuantizer.apply(m, s);
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                float[] w = before.get(l.name());
                assertArrayEquals(
                        w, l.weight().getArray().toFloatArray(), 1e-6f * maxAbs(w), l.name());
            }
        }
    }

    @Test
    void mseQatWithActivations_trainsTheStagedModelAndQuantizesThePlainOneOnItsGrid() {
        QuantSettings s =
                QuantSettings.weights(4)
                        .withWeightFit(RangeFit.MSE)
                        .withActivations(CalibrationMethod.PERCENTILE, 64);
        try (FrontierModel m = trained()) {
            QuantizeResult r =
                    QuantizePass.qat(s, TrainConfig.adam(1))
                            .apply(m, data, TrainingProgress.silent());
            assertEquals("int4 sym per-channel mse", r.encodings().get("conv1").describe());
            assertEquals(5, r.activations().size());
            float[] fc2 = LayerMap.of(m.block()).get("fc2").weight().getArray().toFloatArray();
            WeightQuantizer.apply(m, s);
            assertArrayEquals(
                    fc2,
                    LayerMap.of(m.block()).get("fc2").weight().getArray().toFloatArray(),
                    1e-6f * maxAbs(fc2));
        }
    }

    private static float maxAbs(float[] values) {
        float m = 0;
        for (float v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
