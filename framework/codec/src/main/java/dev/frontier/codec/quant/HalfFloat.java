package dev.frontier.codec.quant;

/**
 * IEEE 754 binary16 ("half float") conversion with round-to-nearest-even, equivalent to Java 20's
 * {@code Float.floatToFloat16} / {@code Float.float16ToFloat} but available on Java 17.
 */
public final class HalfFloat {

    /** Largest finite half value, 65504. */
    public static final float MAX_VALUE = 65504f;

    private HalfFloat() {}

    /**
     * Nearest half (ties to even) of {@code f}, as raw bits; overflow gives infinity, NaN stays
     * NaN.
     */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13)));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int full = mantissa | 0x800000;
            return (short) (sign | roundShift(full, 14 - e));
        }
        return (short) (sign | roundShift((e << 23) | mantissa, 13));
    }

    /** Exact float value of half bits {@code h}. */
    public static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** {@code toFloat(fromFloat(f))}: {@code f} rounded to half precision. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    private static int roundShift(int value, int shift) {
        int result = value >>> shift;
        int remainder = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (result & 1) == 1)) {
            result++;
        }
        return result;
    }
}
