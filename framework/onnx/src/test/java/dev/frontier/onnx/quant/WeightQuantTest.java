package dev.frontier.onnx.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.quant.Quantizer;
import org.junit.jupiter.api.Test;

class WeightQuantTest {
    @Test
    void int8_isTheCodecsSymmetricPerChannelQuantizer() {
        assertEquals(new Quantizer(8, true, Granularity.PER_CHANNEL), WeightQuant.int8().quantizer());
        assertEquals(new Quantizer(3, false, Granularity.PER_TENSOR), new WeightQuant(3, false, false).quantizer());
    }

    @Test
    void symmetricPerChannel_scalesEachRowByItsLargestMagnitudeOver127() {
        float[] w = {1.27f, -0.635f, 0f, 0.5f, 0.25f, -0.1f};
        QuantizedTensor q = WeightQuant.int8().quantizer().quantize(w, new int[] {2, 3});
        assertArrayEquals(new float[] {0.01f, 0.5f / 127}, q.scales(), 1e-7f);
        assertArrayEquals(new int[] {127, -64, 0, 127, 64, -25}, q.codes());
        assertArrayEquals(new int[] {0, 0}, q.zeroPoints());
    }

    @Test
    void rounding_isHalfToEven_likeOnnxQuantizeLinear() {
        // scale 63.5 / 127 = 0.5 exactly, so 1.25 and 1.75 are exact ties at 2.5 and 3.5
        float[] w = {63.5f, 1.25f, 1.75f};
        QuantizedTensor q = WeightQuant.int8().quantizer().quantize(w, new int[] {1, 3});
        assertEquals(0.5f, q.scales()[0]);
        assertArrayEquals(new int[] {127, 2, 4}, q.codes());
    }

    @Test
    void fourBitSymmetric_usesOnlyMinus7To7() {
        float[] w = {-1f, -0.6f, 0.07f, 1f};
        QuantizedTensor q = WeightQuant.symmetric(4).quantizer().quantize(w, new int[] {1, 4});
        assertArrayEquals(new int[] {-7, -4, 0, 7}, q.codes());
        assertEquals(1f / 7, q.scales()[0], 1e-7f);
    }

    @Test
    void allZeroChannel_getsScaleOne_soItsInt32BiasStaysInRange() {
        QuantizedTensor q = WeightQuant.int8().quantizer().quantize(new float[] {0, 0, 0.5f, 1f}, new int[] {2, 2});
        assertEquals(1f, q.scales()[0]);
        assertEquals(1f / 127, q.scales()[1], 1e-7f);
    }

    @Test
    void widthsOutside2To8_areRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WeightQuant(16, true, true));
        assertTrue(e.getMessage().contains("leave them out of the plan"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightQuant(1, false, true));
    }
}
