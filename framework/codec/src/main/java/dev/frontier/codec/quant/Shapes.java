package dev.frontier.codec.quant;

import java.util.Arrays;

/** Checks and arithmetic on tensor shapes given as {@code int[]} (row-major, channel = dim 0). */
public final class Shapes {

    private Shapes() {}

    /**
     * Number of elements of a tensor of this shape; a rank-0 shape holds one element.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the count overflows an int
     */
    public static int elementCount(int[] shape) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " has non-positive dimension "
                                + shape[i]
                                + " at axis "
                                + i);
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) count;
    }

    /**
     * Checks that {@code values} holds exactly as many elements as {@code shape} describes.
     *
     * @throws IllegalArgumentException on a mismatch
     */
    public static void requireMatches(float[] values, int[] shape) {
        int expected = elementCount(shape);
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + expected
                            + " values, got "
                            + values.length);
        }
    }

    /** Number of channels (dimension 0) for per-channel parameters, or 1 for per-tensor ones. */
    public static int parameterCount(int[] shape, Granularity granularity) {
        if (granularity == Granularity.PER_TENSOR) {
            return 1;
        }
        if (shape.length == 0) {
            throw new IllegalArgumentException(
                    "per-channel quantization needs a tensor of rank >= 1, got a scalar");
        }
        return shape[0];
    }

    /**
     * Checks every value is finite.
     *
     * @throws IllegalArgumentException naming the first NaN or infinite value and its index
     */
    public static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        what + " has non-finite value " + values[i] + " at index " + i);
            }
        }
    }
}
