package dev.frontier.onnx.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightQuantizerTest {
    @Test
    void symmetricPerChannel_scalesEachRowByItsLargestMagnitudeOver127() {
        float[] w = {1.27f, -0.635f, 0f, 0.5f, 0.25f, -0.1f};
        QuantizedTensor q = WeightQuantizer.quantize(w, new long[] {2, 3}, WeightQuant.int8());
        assertArrayEquals(new float[] {0.01f, 0.5f / 127}, q.scales(), 1e-7f);
        assertArrayEquals(new byte[] {127, -64, 0, 127, 64, -25}, q.values());
        assertArrayEquals(new byte[] {0, 0}, q.zeroPoints());
    }

    @Test
    void rounding_isHalfToEven_likeOnnxQuantizeLinear() {
        float[] w = {1.27f, 0.025f, 0.035f};
        QuantizedTensor q = WeightQuantizer.quantize(w, new long[] {1, 3}, WeightQuant.int8());
        assertArrayEquals(new byte[] {127, 2, 4}, q.values());
    }

    @Test
    void fourBitSymmetric_usesOnlyMinus7To7() {
        float[] w = {-1f, -0.6f, 0.07f, 1f};
        QuantizedTensor q = WeightQuantizer.quantize(w, new long[] {1, 4}, WeightQuant.symmetric(4));
        assertArrayEquals(new byte[] {-7, -4, 0, 7}, q.values());
        assertEquals(1f / 7, q.scales()[0], 1e-7f);
    }

    @Test
    void asymmetricPerTensor_mapsTheRangeOntoMinus128To127() {
        float[] w = {0f, 1f, 2.55f};
        QuantizedTensor q = WeightQuantizer.quantize(w, new long[] {3}, new WeightQuant(8, false, false));
        assertEquals(0.01f, q.scales()[0], 1e-7f);
        assertEquals(-128, q.zeroPoints()[0]);
        assertArrayEquals(new byte[] {-128, -28, 127}, q.values());
        assertEquals(1f, q.dequantized(1), 1e-6f);
    }

    @Test
    void allZeroChannel_getsScaleOne_soItsInt32BiasStaysInRange() {
        QuantizedTensor q = WeightQuantizer.quantize(new float[] {0, 0, 0.5f, 1f}, new long[] {2, 2}, WeightQuant.int8());
        assertEquals(1f, q.scales()[0]);
        assertEquals(1f / 127, q.scales()[1], 1e-7f);
    }

    @Test
    void widthsOutside2To8_areRejectedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WeightQuant(16, true, true));
        assertEquals(true, e.getMessage().contains("leave them out of the plan"));
    }
}
