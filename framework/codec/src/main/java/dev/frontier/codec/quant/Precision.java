package dev.frontier.codec.quant;

import dev.frontier.limits.Limits;
import java.util.Objects;

/**
 * The numeric precision a weight tensor is stored at: the fp32 reference, IEEE half, or integer
 * codes from a {@link Quantizer}. {@link #fakeQuantize} gives exactly the floats a model will see.
 */
public sealed interface Precision
        permits Precision.Float32, Precision.Float16, Precision.Quantized, Precision.Shared {

    /** Bits per stored value: 32, 16, the quantizer's 1..8, or a shared tensor's index bits. */
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
     * Weight sharing: at most {@code 2^indexBits} distinct non-zero values (a codebook of fp32, or
     * fp16 when {@code halfCodebook}), each element stored as its codebook index.
     */
    static Precision shared(int indexBits, boolean halfCodebook) {
        return new Shared(indexBits, halfCodebook);
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

    /**
     * Weight sharing (Deep Compression's trained quantization): the tensor holds at most {@code
     * 2^indexBits} distinct non-zero values, its codebook, and each element is stored as an index
     * into it (zeros through the sparse position encoding). The values must already be shared (the
     * {@code share} pass clusters them); this precision stores them, it does not cluster. With
     * {@code halfCodebook} the codebook entries are IEEE halves, so values are rounded to half
     * first. {@code -0.0} reads back as {@code +0.0}.
     */
    record Shared(int indexBits, boolean halfCodebook) implements Precision {
        /** Validates the index width: 1..8 bits. */
        public Shared {
            if (indexBits < Limits.MIN_INTEGER_BITS || indexBits > Limits.MAX_INTEGER_BITS) {
                throw new IllegalArgumentException(
                        "a shared tensor's indices take "
                                + Limits.MIN_INTEGER_BITS
                                + ".."
                                + Limits.MAX_INTEGER_BITS
                                + " bits, got "
                                + indexBits);
            }
        }

        @Override
        public int bits() {
            return indexBits;
        }

        /** Largest codebook: {@code 2^indexBits} entries. */
        public int capacity() {
            return 1 << indexBits;
        }

        /**
         * The values as stored (halves when {@code halfCodebook}, {@code -0.0} as {@code +0.0}).
         *
         * @throws IllegalArgumentException when more than {@link #capacity()} distinct non-zero
         *     values remain, or a value overflows fp16
         */
        @Override
        public float[] fakeQuantize(float[] values, int[] shape) {
            Shapes.requireMatches(values, shape);
            Shapes.requireFinite(values, "tensor");
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                float v = halfCodebook ? HalfFloat.round(values[i]) : values[i];
                if (Float.isInfinite(v)) {
                    throw new IllegalArgumentException(
                            "value "
                                    + values[i]
                                    + " at index "
                                    + i
                                    + " overflows the fp16 codebook (largest finite half is "
                                    + HalfFloat.MAX_VALUE
                                    + ")");
                }
                out[i] = v == 0f ? 0f : v;
            }
            int distinct = codebook(out, true).length;
            if (distinct > capacity()) {
                throw new IllegalArgumentException(
                        "the tensor holds "
                                + distinct
                                + " distinct non-zero values, a "
                                + indexBits
                                + "-bit codebook holds "
                                + capacity()
                                + "; share the weights first (the share pass clusters them)");
            }
            return out;
        }

        /**
         * The distinct values of {@code values} in ascending order, zero left out when {@code
         * withoutZero}; {@code -0.0} counts as zero.
         */
        public static float[] codebook(float[] values, boolean withoutZero) {
            float[] sorted = new float[values.length];
            int n = 0;
            for (float v : values) {
                if (!(withoutZero && v == 0f)) {
                    sorted[n++] = v == 0f ? 0f : v;
                }
            }
            sorted = java.util.Arrays.copyOf(sorted, n);
            java.util.Arrays.sort(sorted);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (k == 0 || sorted[i] != sorted[k - 1]) {
                    sorted[k++] = sorted[i];
                }
            }
            return java.util.Arrays.copyOf(sorted, k);
        }
    }
}
