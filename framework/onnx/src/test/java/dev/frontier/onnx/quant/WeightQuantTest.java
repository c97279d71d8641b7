package dev.frontier.onnx.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.quant.Quantizer;
import dev.frontier.codec.quant.RangeFit;
import org.junit.jupiter.api.Test;

class WeightQuantTest {
    @Test
    void int8_isTheCodecsSymmetricPerChannelQuantizer() {
        assertEquals(
                new Quantizer(8, true, Granularity.PER_CHANNEL), WeightQuant.int8().quantizer());
        assertEquals(
                new Quantizer(3, false, Granularity.PER_TENSOR),
                new WeightQuant(3, false, false).quantizer());
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
        QuantizedTensor q =
                WeightQuant.int8()
                        .quantizer()
                        .quantize(new float[] {0, 0, 0.5f, 1f}, new int[] {2, 2});
        assertEquals(1f, q.scales()[0]);
        assertEquals(1f / 127, q.scales()[1], 1e-7f);
    }

    @Test
    void widthsOutside2To8_areRejectedWithAHint() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new WeightQuant(16, true, true));
        assertTrue(e.getMessage().contains("leave them out of the plan"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightQuant(1, false, true));
    }

    @Test
    void mseFittedWeights_reQuantizeToTheSameCodesAndValues() {
        // the export quantizes the (already fake-quantized) weights again with min-max at the
        // layer's width: on an
        // MSE grid that is exact, because the clipped extremes are themselves grid points
        java.util.Random random = new java.util.Random(11);
        int[] shape = {8, 200};
        float[] w = new float[8 * 200];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.05);
        }
        w[3] = 0.6f; // outliers that MSE clips
        w[250] = -0.5f;
        for (int bits : new int[] {4, 3, 8}) {
            for (boolean symmetric : new boolean[] {true, false}) {
                Quantizer mse =
                        new Quantizer(bits, symmetric, Granularity.PER_CHANNEL, RangeFit.MSE);
                QuantizedTensor fitted = mse.quantize(w, shape);
                float[] grid = fitted.dequantize();
                QuantizedTensor exported =
                        new WeightQuant(bits, symmetric, true).quantizer().quantize(grid, shape);
                String what = bits + " bits " + (symmetric ? "sym" : "asym");
                if (bits < 8) {
                    float minMaxScale =
                            new Quantizer(bits, symmetric, Granularity.PER_CHANNEL)
                                    .quantize(w, shape)
                                    .scales()[0];
                    assertTrue(
                            fitted.scales()[0] < minMaxScale,
                            what + ": the test needs a clipped channel");
                }
                assertArrayEquals(fitted.codes(), exported.codes(), what);
                assertArrayEquals(fitted.zeroPoints(), exported.zeroPoints(), what);
                assertArrayEquals(grid, exported.dequantize(), 1e-6f, what);
            }
        }
    }
}
