package dev.frontier.onnx.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.quant.ActivationQuant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinMaxCalibratorTest {
    @Test
    void firstLayerRange_isTheRangeOfTheNormalizedImages() {
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
            Map<String, ActivationQuant> cal = new MinMaxCalibrator(n, 16).calibrate(m, d.validation(), d.mean(), d.std());
            assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), List.copyOf(cal.keySet()));
            ActivationQuant first = cal.get("conv1");
            assertEquals(ActivationQuant.uint8Range(min, max), first);
        }
    }

    @Test
    void layersAfterRelu_getZeroPointZero() {
        DataSplits d = Fixtures.synthetic();
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 2)) {
            Map<String, ActivationQuant> cal = new MinMaxCalibrator(64, 32).calibrate(m, d.validation(), d.mean(), d.std());
            for (String layer : List.of("conv2", "conv3", "conv4", "fc1", "fc2")) {
                assertEquals(0, cal.get(layer).zeroPoint(), layer);
                assertTrue(cal.get(layer).scale() > 0, layer);
            }
        }
    }
}
