package dev.frontier.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.export.ExportedModel;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.quant.WeightQuant;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtOptions;
import dev.frontier.onnx.runtime.OrtRuntime;
import dev.frontier.onnx.runtime.RuntimeAccuracy;
import dev.frontier.stats.Proportion;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Integration: real Fashion-MNIST test images through DJL and ONNX Runtime. */
@Tag("integration")
class RealFashionMnistOnnxTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet5", "cnn", "resnet8"})
    void fp32Export_matchesDjlLogitsWithin1e4_onRealTestImages(String name) throws Exception {
        DataSplits d = Fixtures.fashion(1000, 256);
        float[] x = Fixtures.images(d.test(), 256, d.mean(), d.std());
        try (FrontierModel m = Fixtures.model(ModelSpec.of(name, 1), 17);
                OrtRuntime ort = Fixtures.ort(OnnxExporter.fp32().export(m), dir)) {
            double diff = Fixtures.maxAbsDiff(ort, DjlRuntime.of(m, 1), x, 256);
            System.out.printf("%s: max |ORT - DJL| over 256 real test images = %.2e%n", name, diff);
            assertTrue(diff <= 1e-4, name + ": max |ORT - DJL| = " + diff);
        }
    }

    /**
     * Trains lenet5 for one epoch on 9k real images, calibrates min-max on the 1k validation split,
     * and compares on 2k real test images: ORT int8 kernels vs ORT fp32 (the 0.3-point bar)
     * and vs the same QDQ graph run unoptimized (fake-quant in fp32, i.e. the simulated int8
     * accuracy).
     */
    @Test
    void int8Lenet5OnOrt_isWithin0point3PointsOfFp32_andOfTheSimulation_onA2kRealTestSubset()
            throws Exception {
        DataSplits d = Fixtures.fashion(10_000, 2_000);
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 42)) {
            new TrainingLoop(
                            TrainConfig.adam(1).withBatchSize(64),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, d.train(), d.validation(), d.mean(), d.std());
            ActivationCalibrator calibrator =
                    new ActivationCalibrator(CalibrationMethod.MIN_MAX, d.validation().size(), 250);
            ExportedModel int8 =
                    OnnxExporter.qdq(
                                    calibrator.plan(
                                            m,
                                            d.validation(),
                                            d.mean(),
                                            d.std(),
                                            WeightQuant.int8()))
                            .export(m);
            Path int8File = int8.write(dir.resolve("lenet5-int8.onnx"));
            try (OrtRuntime fp32Rt = Fixtures.ort(OnnxExporter.fp32().export(m), dir);
                    OrtRuntime int8Rt = OrtRuntime.load(int8File, m.spec(), OrtOptions.threads(1));
                    OrtRuntime simulated =
                            OrtRuntime.load(int8File, m.spec(), new OrtOptions(1, false))) {
                Proportion djl =
                        RuntimeAccuracy.evaluate(
                                DjlRuntime.of(m, 1), d.test(), d.mean(), d.std(), 500);
                Proportion fp32 =
                        RuntimeAccuracy.evaluate(fp32Rt, d.test(), d.mean(), d.std(), 500);
                Proportion q = RuntimeAccuracy.evaluate(int8Rt, d.test(), d.mean(), d.std(), 500);
                Proportion sim =
                        RuntimeAccuracy.evaluate(simulated, d.test(), d.mean(), d.std(), 500);
                System.out.println(
                        "lenet5 1 epoch, 2k real test images: DJL fp32 "
                                + djl
                                + ", ORT fp32 "
                                + fp32
                                + ", ORT int8 "
                                + q
                                + " on "
                                + int8Rt.precision()
                                + " kernels, simulated int8 "
                                + sim
                                + " on "
                                + simulated.precision()
                                + " kernels");
                assertEquals("int8", int8Rt.precision());
                assertEquals("fp32", simulated.precision());
                assertTrue(fp32.value() > 0.75, "training did not work: " + fp32);
                assertEquals(djl.successes(), fp32.successes());
                assertTrue(
                        Math.abs(q.value() - fp32.value()) <= 0.003,
                        "int8 " + q + " vs fp32 " + fp32);
                assertTrue(
                        Math.abs(q.value() - sim.value()) <= 0.001,
                        "int8 kernels " + q + " vs simulated " + sim);
            }
        }
    }
}
