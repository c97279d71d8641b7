package dev.frontier.codec.quant;

import dev.frontier.limits.Limits;

/**
 * Affine quantization parameters for one tensor or channel: {@code code = clamp(rint(x / scale) +
 * zeroPoint, qmin, qmax)} and {@code x' = (code - zeroPoint) * scale}.
 *
 * <p>Symmetric parameters have zero point 0 and codes in {@code [-(2^(b-1)-1), 2^(b-1)-1]};
 * asymmetric ones have codes in {@code [0, 2^b-1]} and an integer zero point in that range, so zero
 * is always exactly representable.
 */
public record QuantParams(float scale, int zeroPoint, int bits, boolean symmetric) {

    /** Smallest integer bit-width ({@link Limits#MIN_INTEGER_BITS}). */
    public static final int MIN_BITS = Limits.MIN_INTEGER_BITS;

    /** Largest integer bit-width ({@link Limits#MAX_INTEGER_BITS}). */
    public static final int MAX_BITS = Limits.MAX_INTEGER_BITS;

    /** Validates bits, a positive finite scale, and a zero point inside the code range. */
    public QuantParams {
        checkBits(bits, symmetric);
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (symmetric && zeroPoint != 0) {
            throw new IllegalArgumentException(
                    "symmetric quantization has zero point 0, got " + zeroPoint);
        }
        if (zeroPoint < qmin(bits, symmetric) || zeroPoint > qmax(bits, symmetric)) {
            throw new IllegalArgumentException(
                    "zero point "
                            + zeroPoint
                            + " outside code range ["
                            + qmin(bits, symmetric)
                            + ", "
                            + qmax(bits, symmetric)
                            + "] for "
                            + bits
                            + " bits");
        }
    }

    /**
     * Parameters covering {@code [min, max]} (widened to include 0).
     *
     * @throws IllegalArgumentException if the range is not finite or {@code min > max}
     */
    public static QuantParams fromRange(double min, double max, int bits, boolean symmetric) {
        checkBits(bits, symmetric);
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("cannot quantize range [" + min + ", " + max + "]");
        }
        double lo = Math.min(min, 0.0);
        double hi = Math.max(max, 0.0);
        if (symmetric) {
            double amax = Math.max(-lo, hi);
            return new QuantParams(safeScale(amax / qmax(bits, true)), 0, bits, true);
        }
        int levels = qmax(bits, false);
        float scale = safeScale((hi - lo) / levels);
        int zeroPoint = (int) Math.max(0, Math.min(levels, Math.rint(-lo / scale)));
        return new QuantParams(scale, zeroPoint, bits, false);
    }

    /** Parameters covering {@code range} (widened to include 0). */
    public static QuantParams fromRange(FloatRange range, int bits, boolean symmetric) {
        return fromRange(range.min(), range.max(), bits, symmetric);
    }

    /** Smallest code: {@code -(2^(b-1)-1)} when symmetric, else 0. */
    public static int qmin(int bits, boolean symmetric) {
        return symmetric ? -((1 << (bits - 1)) - 1) : 0;
    }

    /** Largest code: {@code 2^(b-1)-1} when symmetric, else {@code 2^b-1}. */
    public static int qmax(int bits, boolean symmetric) {
        return symmetric ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    /**
     * Checks a bit-width is usable: 1..8 bits, at least 2 when symmetric (1-bit symmetric has only
     * 0).
     *
     * @throws IllegalArgumentException naming the allowed widths
     */
    public static void checkBits(int bits, boolean symmetric) {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new IllegalArgumentException(
                    "integer quantization takes "
                            + MIN_BITS
                            + ".."
                            + MAX_BITS
                            + " bits, got "
                            + bits
                            + " (use "
                            + Limits.HALF_BITS
                            + " for half float, "
                            + Limits.FLOAT_BITS
                            + " for the fp32 reference)");
        }
        if (!Limits.isBits(bits, symmetric)) {
            throw new IllegalArgumentException(
                    "symmetric quantization needs >= "
                            + Limits.MIN_SYMMETRIC_BITS
                            + " bits (1-bit symmetric can only represent 0); use asymmetric");
        }
    }

    /** Smallest code of these parameters. */
    public int qmin() {
        return qmin(bits, symmetric);
    }

    /** Largest code of these parameters. */
    public int qmax() {
        return qmax(bits, symmetric);
    }

    /** Code of {@code x}, rounded half-to-even and clamped into {@code [qmin, qmax]}. */
    public int quantize(float x) {
        if (Float.isNaN(x)) {
            throw new IllegalArgumentException("cannot quantize NaN");
        }
        double code = Math.rint(x / (double) scale) + zeroPoint;
        return (int) Math.max(qmin(), Math.min(qmax(), code));
    }

    /** Real value of {@code code}: {@code (code - zeroPoint) * scale} in float arithmetic. */
    public float dequantize(int code) {
        return (float) (code - zeroPoint) * scale;
    }

    /** {@code dequantize(quantize(x))}. */
    public float fakeQuantize(float x) {
        return dequantize(quantize(x));
    }

    /** Element-wise {@link #fakeQuantize(float)} into a new array. */
    public float[] fakeQuantize(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = fakeQuantize(values[i]);
        }
        return out;
    }

    /** Range of real values the codes span, {@code [dequantize(qmin), dequantize(qmax)]}. */
    public FloatRange representableRange() {
        return new FloatRange(dequantize(qmin()), dequantize(qmax()));
    }

    private static float safeScale(double scale) {
        float s = (float) scale;
        return s > 0 && Float.isFinite(s) ? s : 1.0f;
    }
}
