package dev.frontier.codec.quant;

import dev.frontier.limits.Limits;
import java.util.Objects;

/**
 * The numeric precision a weight tensor is stored at: the fp32 reference, IEEE half, or integer
 * codes from a {@link Quantizer}. {@link #fakeQuantize} gives exactly the floats a model will see.
 */
public sealed interface Precision
        permits Precision.Float32, Precision.Float16, Precision.Quantized {

    /** Bits per stored value: 32, 16, or the quantizer's 1..8. */
    int bits();

    /**
     * The values after a round trip through this precision.
     *
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value, or fp16 overflow
     */
    float[] fakeQuantize(float[] values, int[] shape);

    /** The fp32 reference (identity). */
    static Precision fp32() {
        return new Float32();
    }

    /** IEEE 754 half precision. */
    static Precision fp16() {
        return new Float16();
    }

    /** Integer quantization with the given quantizer settings. */
    static Precision quantized(int bits, boolean symmetric, Granularity granularity) {
        return new Quantized(new Quantizer(bits, symmetric, granularity));
    }

    /** Integer quantization with the given quantizer settings and range fit. */
    static Precision quantized(int bits, boolean symmetric, Granularity granularity, RangeFit fit) {
        return new Quantized(new Quantizer(bits, symmetric, granularity, fit));
    }

    /**
     * A precision from a sweep's bit-width: 32 = fp32, 16 = fp16, 1..8 = integer quantization;
     * exactly the widths {@link Limits#isBits(int)} accepts.
     *
     * @throws IllegalArgumentException for any other width, listing the allowed ones, and for a
     *     symmetric width below {@link Limits#MIN_SYMMETRIC_BITS}
     */
    static Precision ofBits(int bits, boolean symmetric, Granularity granularity) {
        return ofBits(bits, symmetric, granularity, RangeFit.MIN_MAX);
    }

    /**
     * As {@link #ofBits(int, boolean, Granularity)}, integer widths fitting their ranges by {@code
     * fit}.
     */
    static Precision ofBits(int bits, boolean symmetric, Granularity granularity, RangeFit fit) {
        if (bits == Limits.FLOAT_BITS) {
            return fp32();
        }
        if (bits == Limits.HALF_BITS) {
            return fp16();
        }
        if (!Limits.isIntegerBits(bits)) {
            throw new IllegalArgumentException(
                    "bit-width must be " + Limits.BITS_TEXT + ", got " + bits);
        }
        return quantized(bits, symmetric, granularity, fit);
    }

    /** Full-precision float32: values pass through unchanged. */
    record Float32() implements Precision {
        @Override
        public int bits() {
            return Limits.FLOAT_BITS;
        }

        @Override
        public float[] fakeQuantize(float[] values, int[] shape) {
            Shapes.requireMatches(values, shape);
            Shapes.requireFinite(values, "tensor");
            return values.clone();
        }
    }

    /** IEEE half precision with round-to-nearest-even; values beyond ±65504 are rejected. */
    record Float16() implements Precision {
        @Override
        public int bits() {
            return Limits.HALF_BITS;
        }

        @Override
        public float[] fakeQuantize(float[] values, int[] shape) {
            Shapes.requireMatches(values, shape);
            Shapes.requireFinite(values, "tensor");
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = HalfFloat.round(values[i]);
                if (Float.isInfinite(out[i])) {
                    throw new IllegalArgumentException(
                            "value "
                                    + values[i]
                                    + " at index "
                                    + i
                                    + " overflows fp16 (largest finite half is "
                                    + HalfFloat.MAX_VALUE
                                    + ")");
                }
            }
            return out;
        }
    }

    /** Integer codes from a quantizer, dequantized with float scales. */
    record Quantized(Quantizer quantizer) implements Precision {
        /** Validates the quantizer is present. */
        public Quantized {
            Objects.requireNonNull(quantizer, "quantizer");
        }

        @Override
        public int bits() {
            return quantizer.bits();
        }

        @Override
        public float[] fakeQuantize(float[] values, int[] shape) {
            return quantizer.fakeQuantize(values, shape);
        }
    }
}
