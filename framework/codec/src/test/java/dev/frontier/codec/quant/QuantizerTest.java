package dev.frontier.codec.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantizerTest {

    private static float[] gaussian(Random random, int n, double sigma) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return values;
    }

    private static double mse(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return sum / a.length;
    }

    @Test
    void symmetric8Bit_mapsMaxMagnitudeTo127() {
        QuantizedTensor q =
                Quantizer.perTensor(8, true)
                        .quantize(new float[] {-1f, 0.5f, 1f, 0f}, new int[] {4});
        assertEquals(1f / 127, q.scales()[0], 0f);
        assertArrayEquals(new int[] {0}, q.zeroPoints());
        // 0.5 * 127 = 63.5 rounds half-to-even to 64
        assertArrayEquals(new int[] {-127, 64, 127, 0}, q.codes());
    }

    @Test
    void asymmetric8Bit_placesZeroPointWhereZeroFalls() {
        QuantizedTensor q =
                Quantizer.perTensor(8, false).quantize(new float[] {-1f, 2f, 0f}, new int[] {3});
        assertEquals(3f / 255, q.scales()[0], 0f);
        assertEquals(85, q.zeroPoints()[0]);
        assertArrayEquals(new int[] {0, 255, 85}, q.codes());
        assertEquals(0f, q.dequantize()[2], 0f);
    }

    @Test
    void asymmetric2Bit_onIntegerRangeIsExact() {
        float[] values = {0f, 1f, 2f, 3f};
        assertArrayEquals(values, Quantizer.perTensor(2, false).fakeQuantize(values));
    }

    @Test
    void oneBitAsymmetric_representsZeroAndOneLevel() {
        float[] values = {0f, 0.2f, 0.9f, 1f};
        QuantizedTensor q = Quantizer.perTensor(1, false).quantize(values, new int[] {4});
        assertArrayEquals(new int[] {0, 0, 1, 1}, q.codes());
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, q.dequantize());
    }

    @Test
    void quantize_errorIsAtMostHalfAScaleInsideTheRange() {
        Random random = new Random(7);
        int[] shape = {8, 3, 5};
        for (Granularity granularity : Granularity.values()) {
            for (boolean symmetric : new boolean[] {true, false}) {
                for (int bits = symmetric ? 2 : 1; bits <= 8; bits++) {
                    float[] values = gaussian(random, 120, 0.3);
                    Quantizer quantizer = new Quantizer(bits, symmetric, granularity);
                    QuantizedTensor q = quantizer.quantize(values, shape);
                    float[] deq = q.dequantize();
                    for (int i = 0; i < values.length; i++) {
                        float scale = q.params(q.parameterIndexOf(i)).scale();
                        assertTrue(
                                Math.abs(values[i] - deq[i]) <= scale / 2 * (1 + 1e-5),
                                quantizer
                                        + " element "
                                        + i
                                        + ": "
                                        + values[i]
                                        + " -> "
                                        + deq[i]
                                        + " with scale "
                                        + scale);
                    }
                }
            }
        }
    }

    @Test
    void quantize_keepsPrunedZerosExactlyZero() {
        Random random = new Random(11);
        int[] shape = {10, 50};
        float[] values = gaussian(random, 500, 1.0);
        for (int i = 0; i < values.length; i++) {
            if (random.nextDouble() < 0.9) {
                values[i] = 0f;
            }
        }
        values[3] = 0.001f; // all-positive-ish channel content must still keep exact zeros
        for (Granularity granularity : Granularity.values()) {
            for (boolean symmetric : new boolean[] {true, false}) {
                for (int bits = symmetric ? 2 : 1; bits <= 8; bits++) {
                    float[] deq =
                            new Quantizer(bits, symmetric, granularity).fakeQuantize(values, shape);
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] == 0f) {
                            assertEquals(
                                    0,
                                    Float.floatToRawIntBits(deq[i]),
                                    bits + "-bit element " + i + " became " + deq[i]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void asymmetric_keepsZeroExactForAllPositiveChannels() {
        float[] values = {0f, 0.7f, 1.3f, 2.9f, 0f, 5f, 6f, 7f};
        float[] deq = Quantizer.perChannel(3, false).fakeQuantize(values, new int[] {2, 4});
        assertEquals(0f, deq[0], 0f);
        assertEquals(0f, deq[4], 0f);
    }

    @Test
    void quantize_keepsCodesInsideTheirRange() {
        Random random = new Random(3);
        float[] values = gaussian(random, 1000, 5);
        QuantizedTensor sym = Quantizer.perTensor(4, true).quantize(values, new int[] {1000});
        QuantizedTensor asym = Quantizer.perTensor(4, false).quantize(values, new int[] {1000});
        for (int i = 0; i < values.length; i++) {
            assertTrue(sym.codes()[i] >= -7 && sym.codes()[i] <= 7);
            assertTrue(asym.codes()[i] >= 0 && asym.codes()[i] <= 15);
        }
    }

    @Test
    void perChannel_beatsPerTensorOnChannelsWithDifferentRanges() {
        Random random = new Random(5);
        int channels = 4;
        int perChannel = 256;
        float[] values = new float[channels * perChannel];
        double[] sigmas = {0.01, 0.1, 1, 10};
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < perChannel; i++) {
                values[c * perChannel + i] = (float) (random.nextGaussian() * sigmas[c]);
            }
        }
        int[] shape = {channels, perChannel};
        double tensorError = mse(values, Quantizer.perTensor(4, true).fakeQuantize(values, shape));
        double channelError =
                mse(values, Quantizer.perChannel(4, true).fakeQuantize(values, shape));
        assertTrue(channelError < tensorError, channelError + " vs " + tensorError);
        // the small channels are almost all rounded to zero per tensor, so the gap is large
        float[] perTensorSmallChannel = Quantizer.perTensor(4, true).fakeQuantize(values, shape);
        int zeroed = 0;
        for (int i = 0; i < perChannel; i++) {
            zeroed += perTensorSmallChannel[i] == 0f ? 1 : 0;
        }
        assertEquals(perChannel, zeroed);
    }

    @Test
    void moreBits_giveLowerError() {
        float[] values = gaussian(new Random(9), 4096, 1);
        double previous = Double.POSITIVE_INFINITY;
        for (int bits = 2; bits <= 8; bits++) {
            double error = mse(values, Quantizer.perTensor(bits, true).fakeQuantize(values));
            assertTrue(error < previous / 3, bits + " bits: " + error + " vs " + previous);
            previous = error;
        }
    }

    @Test
    void mseFit_clipsOutliersAndLowersErrorAtFourBits() {
        Random random = new Random(5);
        float[] values = gaussian(random, 4000, 1.0);
        values[17] = 9f; // one outlier stretches the min-max step
        int[] shape = {8, 500};
        Quantizer minMax = Quantizer.perChannel(4, true);
        Quantizer mse = minMax.withFit(RangeFit.MSE);
        QuantParams[] wide = minMax.calibrate(values, shape);
        QuantParams[] fitted = mse.calibrate(values, shape);
        assertTrue(fitted[0].scale() < wide[0].scale(), "the outlier's channel is clipped");
        assertTrue(
                mse(values, mse.fakeQuantize(values, shape))
                        < 0.8 * mse(values, minMax.fakeQuantize(values, shape)));
        for (int c = 0; c < shape[0]; c++) {
            assertTrue(fitted[c].scale() <= wide[c].scale(), "channel " + c);
        }
    }

    @Test
    void mseFit_isIdempotentOnValuesAlreadyOnItsGrid() {
        Random random = new Random(6);
        float[] values = gaussian(random, 600, 0.1);
        int[] shape = {6, 100};
        Quantizer mse = Quantizer.perChannel(3, false).withFit(RangeFit.MSE);
        QuantizedTensor once = mse.quantize(values, shape);
        QuantizedTensor twice = mse.quantize(once.dequantize(), shape);
        assertArrayEquals(once.codes(), twice.codes());
        assertArrayEquals(once.dequantize(), twice.dequantize(), 1e-7f);
    }

    @Test
    void quantize_allZeroTensorGivesZeros() {
        float[] zeros = new float[12];
        QuantizedTensor q = Quantizer.perChannel(4, false).quantize(zeros, new int[] {3, 4});
        assertArrayEquals(zeros, q.dequantize());
        assertArrayEquals(new float[] {1f, 1f, 1f}, q.scales());
    }

    @Test
    void fakeQuantize_equalsDequantizeOfQuantize() {
        float[] values = gaussian(new Random(1), 60, 2);
        Quantizer quantizer = Quantizer.perChannel(5, false);
        int[] shape = {6, 10};
        assertArrayEquals(
                quantizer.quantize(values, shape).dequantize(),
                quantizer.fakeQuantize(values, shape));
        assertArrayEquals(
                quantizer.fakeQuantize(values, shape),
                Quantizer.dequantize(quantizer.quantize(values, shape)));
    }

    @Test
    void fakeQuantize_perChannelWithoutShapeIsRejected() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> Quantizer.perChannel(8, true).fakeQuantize(new float[] {1f}));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void quantizer_rejectsBitWidthsItCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> Quantizer.perTensor(0, false));
        IllegalArgumentException nine =
                assertThrows(IllegalArgumentException.class, () -> Quantizer.perTensor(9, false));
        assertTrue(nine.getMessage().contains("1..8"), nine.getMessage());
        IllegalArgumentException sixteen =
                assertThrows(IllegalArgumentException.class, () -> Quantizer.perTensor(16, true));
        assertTrue(sixteen.getMessage().contains("half float"), sixteen.getMessage());
        IllegalArgumentException oneSym =
                assertThrows(IllegalArgumentException.class, () -> Quantizer.perTensor(1, true));
        assertTrue(oneSym.getMessage().contains("asymmetric"), oneSym.getMessage());
    }

    @Test
    void quantize_rejectsNonFiniteValuesWithTheirIndex() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Quantizer.perTensor(8, true)
                                        .quantize(new float[] {1f, Float.NaN}, new int[] {2}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void quantize_rejectsShapeMismatch() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Quantizer.perTensor(8, true)
                                        .quantize(new float[5], new int[] {2, 3}));
        assertTrue(e.getMessage().contains("needs 6 values, got 5"), e.getMessage());
    }

    @Test
    void perChannel_rejectsScalars() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Quantizer.perChannel(8, true).quantize(new float[] {1f}, new int[0]));
    }

    @Test
    void quantizedTensor_rejectsCodesOutsideTheRange() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new QuantizedTensor(
                                        new int[] {0, 8},
                                        new float[] {1f},
                                        new int[] {0},
                                        4,
                                        new int[] {2},
                                        Granularity.PER_TENSOR,
                                        true));
        assertTrue(e.getMessage().contains("code 8 at index 1"), e.getMessage());
    }

    @Test
    void quantizedTensor_isAValueWithDefensiveCopies() {
        int[] codes = {1, 2};
        QuantizedTensor a =
                new QuantizedTensor(
                        codes,
                        new float[] {0.5f},
                        new int[] {0},
                        4,
                        new int[] {2},
                        Granularity.PER_TENSOR,
                        false);
        codes[0] = 9;
        QuantizedTensor b =
                new QuantizedTensor(
                        new int[] {1, 2},
                        new float[] {0.5f},
                        new int[] {0},
                        4,
                        new int[] {2},
                        Granularity.PER_TENSOR,
                        false);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        a.codes()[1] = 7;
        assertArrayEquals(new float[] {0.5f, 1f}, a.dequantize());
    }
}
