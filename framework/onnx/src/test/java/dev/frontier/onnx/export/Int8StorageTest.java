package dev.frontier.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.quant.Quantizer;
import dev.frontier.onnx.quant.WeightQuant;
import org.junit.jupiter.api.Test;

class Int8StorageTest {
    @Test
    void symmetricCodes_areStoredUnchanged() {
        QuantizedTensor q =
                WeightQuant.symmetric(4)
                        .quantizer()
                        .quantize(new float[] {-1f, -0.6f, 0.07f, 1f}, new int[] {1, 4});
        assertEquals(0, Int8Storage.offset(q));
        assertArrayEquals(new byte[] {-7, -4, 0, 7}, Int8Storage.values(q));
        assertArrayEquals(new byte[] {0}, Int8Storage.zeroPoints(q));
        assertArrayEquals(new long[] {1, 4}, Int8Storage.dims(q));
    }

    @Test
    void asymmetric8Bit_mapsTheRangeOntoMinus128To127() {
        QuantizedTensor q =
                new WeightQuant(8, false, false)
                        .quantizer()
                        .quantize(new float[] {0f, 1f, 2.55f}, new int[] {3});
        assertEquals(0.01f, q.scales()[0], 1e-7f);
        assertArrayEquals(new byte[] {-128, -28, 127}, Int8Storage.values(q));
        assertArrayEquals(new byte[] {-128}, Int8Storage.zeroPoints(q));
        assertEquals(
                1f,
                (Int8Storage.values(q)[1] - Int8Storage.zeroPoints(q)[0]) * q.scales()[0],
                1e-6f);
    }

    @Test
    void asymmetricNarrowWidth_isShiftedByHalfItsLevels_keepingEveryDequantizedValue() {
        float[] w = {-0.3f, 0.1f, 0.7f, 0.2f, -0.9f, 0.4f};
        QuantizedTensor q =
                new Quantizer(3, false, Granularity.PER_CHANNEL).quantize(w, new int[] {2, 3});
        assertEquals(4, Int8Storage.offset(q));
        byte[] v = Int8Storage.values(q);
        byte[] zp = Int8Storage.zeroPoints(q);
        float[] expected = q.dequantize();
        for (int i = 0; i < v.length; i++) {
            int c = q.parameterIndexOf(i);
            assertEquals(expected[i], (v[i] - zp[c]) * q.scales()[c], 0f, "element " + i);
            assertTrue(v[i] >= -4 && v[i] <= 3, "element " + i + " = " + v[i]);
        }
    }
}
