package dev.frontier.onnx.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivationQuantTest {
    @Test
    void reluRange_getsZeroPointZero_andCoversTheMaximum() {
        ActivationQuant q = ActivationQuant.uint8Range(0, 2.55);
        assertEquals(0.01f, q.scale(), 0, "the float32 scale ONNX stores");
        assertEquals(0, q.zeroPoint());
        assertEquals(2.55, q.representableMax(), 1e-6);
    }

    @Test
    void normalizedImageRange_placesZeroInsideTheGrid() {
        ActivationQuant q = ActivationQuant.uint8Range(-0.8, 2.0);
        assertEquals((float) (2.8 / 255), q.scale(), 0);
        assertEquals(73, q.zeroPoint());
        assertEquals(-0.8, q.representableMin(), 0.01);
    }

    @Test
    void positiveOnlyRange_isWidenedToIncludeZero() {
        assertEquals(0, ActivationQuant.uint8Range(0.5, 1.0).zeroPoint());
        assertEquals((float) (1.0 / 255), ActivationQuant.uint8Range(0.5, 1.0).scale(), 0);
    }

    @Test
    void zeroPointOutsideUint8_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ActivationQuant(0.1, 300, false));
        assertThrows(IllegalArgumentException.class, () -> new ActivationQuant(0, 0, false));
    }

    @Test
    void plan_isInt8OnlyWhenSomeLayerHasCalibratedInputs() {
        assertEquals("fp32", QuantPlan.none().kernelPrecision());
        assertEquals(
                "fp32",
                QuantPlan.uniform(List.of("fc1"), WeightQuant.int8(), Map.of()).kernelPrecision());
        assertEquals(
                "int8",
                QuantPlan.uniform(
                                List.of("fc1"),
                                WeightQuant.symmetric(4),
                                Map.of("fc1", ActivationQuant.uint8Range(0, 1)))
                        .kernelPrecision());
    }
}
