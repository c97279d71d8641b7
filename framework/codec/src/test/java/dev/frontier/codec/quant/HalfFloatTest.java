package dev.frontier.codec.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @Test
    void roundTripsEveryHalfBitPattern() {
        for (int h = 0; h <= 0xFFFF; h++) {
            float f = HalfFloat.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue(
                        Float.isNaN(HalfFloat.toFloat(HalfFloat.fromFloat(f))), "NaN pattern " + h);
            } else {
                assertEquals(
                        h,
                        HalfFloat.fromFloat(f) & 0xFFFF,
                        "pattern " + Integer.toHexString(h) + " = " + f);
            }
        }
    }

    @Test
    void decodesKnownValues() {
        assertEquals(1f, HalfFloat.toFloat((short) 0x3C00));
        assertEquals(-2f, HalfFloat.toFloat((short) 0xC000));
        assertEquals(65504f, HalfFloat.toFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfFloat.toFloat((short) 0x0001));
        assertEquals(0x1p-14f, HalfFloat.toFloat((short) 0x0400));
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.toFloat((short) 0x7C00));
    }

    @Test
    void fromFloat_roundsTiesToEven() {
        assertEquals(1f, HalfFloat.round(1f + 0x1p-11f)); // tie between 1 and 1+2^-10
        assertEquals(
                1f + 0x1p-9f,
                HalfFloat.round(1f + 3 * 0x1p-11f)); // tie, rounds to the even mantissa
        assertEquals(65504f, HalfFloat.round(65519f));
        assertEquals(
                Float.POSITIVE_INFINITY, HalfFloat.round(65520f)); // tie between 65504 and 2^16
        assertEquals(0f, HalfFloat.round(0x1p-25f)); // tie between 0 and the smallest subnormal
        assertEquals(0x1p-24f, HalfFloat.round(0x1p-25f * 1.0001f));
        assertEquals(-0f, HalfFloat.round(-1e-30f));
        assertEquals(0x8000, HalfFloat.fromFloat(-1e-30f) & 0xFFFF);
    }

    @Test
    void fromFloat_picksTheNearestHalf() {
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(10) - 6));
            short h = HalfFloat.fromFloat(f);
            double error = Math.abs(f - (double) HalfFloat.toFloat(h));
            for (int neighbour : new int[] {(h & 0xFFFF) - 1, (h & 0xFFFF) + 1}) {
                float other = HalfFloat.toFloat((short) neighbour);
                if (Float.isFinite(other)
                        && (neighbour & 0x7FFF) != 0x7FFF
                        && Math.signum(other) == Math.signum(f)) {
                    assertTrue(
                            error <= Math.abs(f - (double) other),
                            f + " -> " + HalfFloat.toFloat(h) + " but " + other + " is nearer");
                }
            }
        }
    }

    @Test
    void fp16Precision_rejectsValuesBeyondHalfRange() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Precision.fp16()
                                        .fakeQuantize(new float[] {1f, 70000f}, new int[] {2}));
        assertTrue(
                e.getMessage().contains("index 1") && e.getMessage().contains("65504"),
                e.getMessage());
    }

    @Test
    void precisionOfBits_mapsSweepWidths() {
        assertEquals(new Precision.Float32(), Precision.ofBits(32, true, Granularity.PER_TENSOR));
        assertEquals(new Precision.Float16(), Precision.ofBits(16, true, Granularity.PER_TENSOR));
        assertEquals(
                new Precision.Quantized(Quantizer.perChannel(4, false)),
                Precision.ofBits(4, false, Granularity.PER_CHANNEL));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Precision.ofBits(12, true, Granularity.PER_TENSOR));
        assertEquals(
                "bit-width must be 1..8 (integer), 16 (half float) or 32 (float reference), got 12",
                e.getMessage());
    }
}
