package dev.frontier.onnx.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.quant.ActivationQuant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationCalibratorTest {
    @Test
    void minMax_firstLayerRange_isTheRangeOfTheNormalizedImages() {
        DataSplits d = Fixtures.synthetic();
        int n = d.validation().size();
        float[] x = Fixtures.images(d.validation(), n, d.mean(), d.std());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 2)) {
            Map<String, ActivationQuant> cal =
                    new ActivationCalibrator(CalibrationMethod.MIN_MAX, n, 16)
                            .calibrate(m, d.validation(), d.mean(), d.std());
            assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), List.copyOf(cal.keySet()));
            assertEquals(ActivationQuant.uint8Range(min, max), cal.get("conv1"));
        }
    }

    @ParameterizedTest
    @EnumSource(CalibrationMethod.class)
    void layersAfterRelu_getZeroPointZero_withEveryMethod(CalibrationMethod method) {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 2)) {
            Map<String, ActivationQuant> cal =
                    new ActivationCalibrator(method, 64, 32)
                            .calibrate(m, d.validation(), d.mean(), d.std());
            for (String layer : List.of("conv2", "conv3", "conv4", "fc1", "fc2")) {
                assertEquals(0, cal.get(layer).zeroPoint(), method + " " + layer);
                assertTrue(cal.get(layer).scale() > 0, method + " " + layer);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = CalibrationMethod.class,
            names = {"PERCENTILE", "MSE"})
    void clippingMethods_neverWidenTheMinMaxRange_andClipSomeLayer(CalibrationMethod method) {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 2)) {
            Map<String, ActivationQuant> minMax =
                    new ActivationCalibrator(CalibrationMethod.MIN_MAX, 128, 64)
                            .calibrate(m, d.validation(), d.mean(), d.std());
            Map<String, ActivationQuant> clipped =
                    new ActivationCalibrator(method, 128, 64)
                            .calibrate(m, d.validation(), d.mean(), d.std());
            assertEquals(minMax.keySet(), clipped.keySet());
            int narrower = 0;
            for (String layer : minMax.keySet()) {
                double full =
                        minMax.get(layer).representableMax() - minMax.get(layer).representableMin();
                double clip =
                        clipped.get(layer).representableMax()
                                - clipped.get(layer).representableMin();
                assertTrue(
                        clip <= full * (1 + 1e-6),
                        method + " widened " + layer + ": " + clip + " > " + full);
                if (clip < full * 0.999) {
                    narrower++;
                }
            }
            assertTrue(narrower > 0, method + " clipped no layer: " + clipped + " vs " + minMax);
        }
    }

    @Test
    void standard_isMinMaxOn512Images() {
        assertEquals(CalibrationMethod.MIN_MAX, ActivationCalibrator.standard().method());
        assertEquals(512, ActivationCalibrator.standard().maxImages());
        assertEquals(
                CalibrationMethod.MSE, ActivationCalibrator.of(CalibrationMethod.MSE, 64).method());
    }

    @Test
    void nonPositiveSizes_areRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ActivationCalibrator(CalibrationMethod.MIN_MAX, 0, 16));
        assertThrows(
                IllegalArgumentException.class,
                () -> new ActivationCalibrator(CalibrationMethod.MIN_MAX, 16, 0));
        assertThrows(NullPointerException.class, () -> new ActivationCalibrator(null, 16, 16));
    }
}
