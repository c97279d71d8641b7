package dev.frontier.compress.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.LayerMap;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActivationQuantizationTest {
    static DataSplits data;
    static byte[] trainedLenet;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(DataRequest.of(Datasets.SYNTHETIC).withLimit(800).withTestLimit(300));
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 11)) {
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
    void fakeQuantOps_matchTheCodecsFakeQuantization() {
        QuantParams p = QuantParams.fromRange(-1.3, 2.1, 4, false);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x =
                    m.randomNormal(0, 1.5f, new Shape(2000), ai.djl.ndarray.types.DataType.FLOAT32);
            float[] ours = FakeQuantOps.fakeQuantize(x, p).toFloatArray();
            float[] codec = p.fakeQuantize(x.toFloatArray());
            int same = 0;
            for (int i = 0; i < ours.length; i++) {
                assertEquals(codec[i], ours[i], p.scale() * 1.001, "element " + i);
                same += Math.abs(codec[i] - ours[i]) < 1e-6 ? 1 : 0;
            }
            assertTrue(same >= 1990, same + " of 2000 identical");
            float[] clipped =
                    FakeQuantOps.fakeQuantize(m.create(new float[] {-10f, 10f}), p).toFloatArray();
            assertArrayEquals(new float[] {p.dequantize(0), p.dequantize(15)}, clipped, 1e-6f);
        }
    }

    @Test
    void straightThrough_forwardsQuantizedValuesAndPassesTheGradientUnchanged() {
        QuantParams p = QuantParams.fromRange(-1, 1, 2, true);
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(new float[] {-0.9f, -0.2f, 0.3f, 0.8f});
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                y = FakeQuantOps.straightThrough(x, p);
                gc.backward(y.mul(m.create(new float[] {1f, 2f, 3f, 4f})).sum());
            }
            assertArrayEquals(new float[] {-1f, 0f, 0f, 1f}, y.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void stagedModel_passingThrough_computesWhatThePlainModelComputes() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertEquals(
                    List.of("conv1", "conv2", "fc1", "fc2", "fc3"),
                    List.copyOf(staged.stages().keySet()));
            assertEquals(
                    LayerMap.of(plain.block()).names(),
                    LayerMap.of(staged.model().block()).names());
            NDArray x = m.randomNormal(new Shape(4, 1, 28, 28));
            assertArrayEquals(forward(plain, x), forward(staged.model(), x), 1e-6f);
        }
    }

    @Test
    void residualNetwork_getsAStageBeforeEveryWeightLayerIncludingShortcuts() {
        try (FrontierModel plain =
                        FrontierModel.create(ModelSpec.of("resnet8", 0.25), Device.cpu(), 2);
                FakeQuantModel staged = FakeQuantModel.of(plain);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            assertEquals(LayerMap.of(plain.block()).names(), List.copyOf(staged.stages().keySet()));
            assertEquals(10, staged.stages().size()); // 9 convs (2 shortcut projections) + fc1
            NDArray x = m.randomNormal(new Shape(2, 1, 28, 28));
            assertArrayEquals(forward(plain, x), forward(staged.model(), x), 1e-5f);
        }
    }

    @Test
    void calibration_givesAsymmetricInputRanges_zeroPointAtZeroAfterRelu() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain)) {
            Map<String, QuantParams> p =
                    staged.calibrate(
                            data.validation(),
                            data.mean(),
                            data.std(),
                            ActivationSettings.int8(CalibrationMethod.MIN_MAX, 64),
                            Set.of("conv1", "fc1", "fc3"));
            assertEquals(List.of("conv1", "fc1", "fc3"), List.copyOf(p.keySet()));
            // conv1 sees normalized pixels (negative and positive); fc1 sees max-pooled ReLU
            // outputs (>= 0)
            assertTrue(
                    p.get("conv1").zeroPoint() > 0 && p.get("conv1").zeroPoint() < 255,
                    "conv1 " + p.get("conv1"));
            assertEquals(0, p.get("fc1").zeroPoint());
            assertEquals(8, p.get("fc1").bits());
            assertEquals(ActivationStage.Mode.QUANTIZE, staged.stages().get("fc1").mode());
            assertEquals(ActivationStage.Mode.PASS, staged.stages().get("fc2").mode());
        }
    }

    @Test
    void percentileCalibration_clipsTighterThanMinMax() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain)) {
            QuantParams minMax =
                    staged.calibrate(
                                    data.validation(),
                                    data.mean(),
                                    data.std(),
                                    ActivationSettings.int8(CalibrationMethod.MIN_MAX, 80),
                                    Set.of("fc1"))
                            .get("fc1");
            QuantParams pct =
                    staged.calibrate(
                                    data.validation(),
                                    data.mean(),
                                    data.std(),
                                    ActivationSettings.int8(CalibrationMethod.PERCENTILE, 80),
                                    Set.of("fc1"))
                            .get("fc1");
            QuantParams mse =
                    staged.calibrate(
                                    data.validation(),
                                    data.mean(),
                                    data.std(),
                                    new ActivationSettings(4, false, CalibrationMethod.MSE, 80),
                                    Set.of("fc1"))
                            .get("fc1");
            assertTrue(pct.scale() < minMax.scale(), pct + " vs " + minMax);
            assertTrue(
                    mse.scale() * 15 < minMax.scale() * 255,
                    "4-bit MSE range " + mse + " vs min-max " + minMax);
        }
    }

    @Test
    void eightBitActivationsAndWeights_keepAccuracyWithinTwoPoints() {
        Evaluator ev = new Evaluator(150);
        try (FrontierModel m = trained()) {
            double before = ev.evaluate(m, data.test(), data.mean(), data.std()).accuracy().value();
            QuantizeResult r =
                    QuantizePass.ptq(
                                    dev.frontier.compress.QuantSettings.weights(8)
                                            .withActivations(CalibrationMethod.MIN_MAX, 128))
                            .apply(m, data, TrainingProgress.silent());
            double after =
                    QuantizePass.evaluate(m, r, data.test(), data.mean(), data.std(), ev)
                            .accuracy()
                            .value();
            assertEquals(before, after, 0.02);
            assertEquals(5, r.activations().size());
            assertEquals("int8", r.kernelPrecision());
        }
    }

    @Test
    void trackedRanges_moveOnTrainingForwardsOnly_andComeBackWithASnapshot() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ActivationSettings act =
                    ActivationSettings.int8(CalibrationMethod.MIN_MAX, 64).withMomentum(0.5);
            Map<String, QuantParams> calibrated =
                    staged.calibrate(
                            data.validation(),
                            data.mean(),
                            data.std(),
                            act,
                            Set.of("conv1", "fc1"));
            staged.quantizeForTraining(calibrated, act);
            assertEquals(
                    ActivationStage.Mode.STRAIGHT_THROUGH, staged.stages().get("conv1").mode());
            assertTrue(staged.stages().get("fc1").tracksRange());
            assertEquals(ActivationStage.Mode.PASS, staged.stages().get("fc2").mode());
            assertEquals(calibrated, staged.activationParams());

            // evaluation forwards, on inputs far outside the calibrated range, move nothing
            NDArray wide =
                    m.randomNormal(
                            0, 6f, new Shape(16, 1, 28, 28), ai.djl.ndarray.types.DataType.FLOAT32);
            new Evaluator(100).evaluate(staged.model(), data.test(), data.mean(), data.std());
            forward(staged.model(), wide);
            assertEquals(calibrated, staged.activationParams());
            assertEquals(0, staged.stages().get("conv1").trackedBatches());
            byte[] snapshot = TrainingLoop.snapshot(staged.model());

            // one training forward moves conv1's range halfway to the batch's min and max
            float[] x = wide.toFloatArray();
            double lo = 0;
            double hi = 0;
            for (float v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            trainingForward(staged.model(), wide);
            QuantParams moved = staged.activationParams().get("conv1");
            var start = calibrated.get("conv1").representableRange();
            assertEquals(
                    QuantParams.fromRange(
                            0.5 * start.min() + 0.5 * lo, 0.5 * start.max() + 0.5 * hi, 8, false),
                    moved);
            assertEquals(1, staged.stages().get("conv1").trackedBatches());
            assertTrue(
                    moved.scale() > 2 * calibrated.get("conv1").scale(),
                    moved + " vs " + calibrated.get("conv1"));
            assertTrue(
                    !calibrated.get("fc1").equals(staged.activationParams().get("fc1")),
                    "fc1 moved too");

            // restoring the snapshot (as early stopping does) restores the ranges of that time
            TrainingLoop.restore(staged.model(), snapshot);
            assertEquals(calibrated, staged.activationParams());
            assertEquals(0, staged.stages().get("conv1").trackedBatches());
        }
    }

    @Test
    void fixedRanges_stayFixedOnTrainingForwards() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain);
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ActivationSettings pct = ActivationSettings.int8(CalibrationMethod.PERCENTILE, 64);
            Map<String, QuantParams> calibrated =
                    staged.calibrate(
                            data.validation(), data.mean(), data.std(), pct, Set.of("conv1"));
            staged.quantizeForTraining(calibrated, pct);
            assertTrue(!staged.stages().get("conv1").tracksRange());
            trainingForward(
                    staged.model(),
                    m.randomNormal(
                            0, 6f, new Shape(4, 1, 28, 28), ai.djl.ndarray.types.DataType.FLOAT32));
            assertEquals(calibrated, staged.activationParams());
        }
    }

    @Test
    void calibratingAnUnknownLayer_listsTheLayers() {
        try (FrontierModel plain = trained();
                FakeQuantModel staged = FakeQuantModel.of(plain)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    staged.calibrate(
                                            data.validation(),
                                            data.mean(),
                                            data.std(),
                                            ActivationSettings.int8(CalibrationMethod.MSE, 8),
                                            Set.of("conv7")));
            assertTrue(
                    e.getMessage().contains("no layer 'conv7'")
                            && e.getMessage().contains("[conv1, conv2, fc1, fc2, fc3]"),
                    e.getMessage());
        }
    }

    @Test
    void activationSettings_rejectBadBitsAndSamplesByName() {
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new ActivationSettings(12, false, CalibrationMethod.MSE, 8))
                        .getMessage()
                        .startsWith("activation bits"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ActivationSettings.int8(CalibrationMethod.MSE, 0))
                        .getMessage()
                        .contains("samples"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        ActivationSettings.int8(CalibrationMethod.MIN_MAX, 8)
                                                .withMomentum(1.5))
                        .getMessage()
                        .contains("momentum"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        QuantizePass.qat(
                                                        dev.frontier.compress.QuantSettings.weights(
                                                                4),
                                                        TrainConfig.adam(1))
                                                .withActivationMomentum(Double.NaN))
                        .getMessage()
                        .contains("momentum"));
        assertEquals(0.99, ActivationSettings.int8(CalibrationMethod.MIN_MAX, 8).momentum());
        assertTrue(ActivationSettings.int8(CalibrationMethod.MIN_MAX, 8).tracksRanges());
        assertTrue(
                !ActivationSettings.int8(CalibrationMethod.MIN_MAX, 8)
                        .withMomentum(1)
                        .tracksRanges());
        assertTrue(!ActivationSettings.int8(CalibrationMethod.MSE, 8).tracksRanges());
    }

    static void trainingForward(FrontierModel model, NDArray x) {
        try (NDManager sub = model.djlModel().getNDManager().newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(sub);
            model.block().forward(new ParameterStore(sub, false), new NDList(in), true);
        }
    }

    static float[] forward(FrontierModel model, NDArray x) {
        try (NDManager sub = model.djlModel().getNDManager().newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(sub);
            return model.block()
                    .forward(new ParameterStore(sub, false), new NDList(in), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }
}
