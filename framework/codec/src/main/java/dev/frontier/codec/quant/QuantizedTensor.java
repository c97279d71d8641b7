package dev.frontier.codec.quant;

import java.util.Arrays;
import java.util.Objects;

/**
 * Integer codes of a quantized tensor with their scales and zero points (one set per tensor, or per
 * channel along dimension 0). Arrays are copied in and out, so instances are immutable.
 */
public record QuantizedTensor(
        int[] codes,
        float[] scales,
        int[] zeroPoints,
        int bits,
        int[] shape,
        Granularity granularity,
        boolean symmetric) {

    /**
     * Validates sizes against the shape and every code, scale and zero point against the bit-width.
     */
    public QuantizedTensor {
        Objects.requireNonNull(granularity, "granularity");
        shape = shape.clone();
        codes = codes.clone();
        scales = scales.clone();
        zeroPoints = zeroPoints.clone();
        int count = Shapes.elementCount(shape);
        if (codes.length != count) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + count
                            + " codes, got "
                            + codes.length);
        }
        int params = Shapes.parameterCount(shape, granularity);
        if (scales.length != params || zeroPoints.length != params) {
            throw new IllegalArgumentException(
                    granularity
                            + " quantization of shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + params
                            + " scales and zero points, got "
                            + scales.length
                            + " and "
                            + zeroPoints.length);
        }
        int qmin = QuantParams.qmin(bits, symmetric);
        int qmax = QuantParams.qmax(bits, symmetric);
        for (int c = 0; c < params; c++) {
            new QuantParams(scales[c], zeroPoints[c], bits, symmetric);
        }
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < qmin || codes[i] > qmax) {
                throw new IllegalArgumentException(
                        "code "
                                + codes[i]
                                + " at index "
                                + i
                                + " outside ["
                                + qmin
                                + ", "
                                + qmax
                                + "] for "
                                + bits
                                + " bits");
            }
        }
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    @Override
    public float[] scales() {
        return scales.clone();
    }

    @Override
    public int[] zeroPoints() {
        return zeroPoints.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public int elementCount() {
        return codes.length;
    }

    /** Number of parameter sets: 1 per tensor, or the size of dimension 0 per channel. */
    public int parameterCount() {
        return scales.length;
    }

    /** Parameters of set {@code index} (0 for per-tensor). */
    public QuantParams params(int index) {
        return new QuantParams(scales[index], zeroPoints[index], bits, symmetric);
    }

    /** Parameter set that element {@code element} belongs to. */
    public int parameterIndexOf(int element) {
        return scales.length == 1 ? 0 : element / (codes.length / scales.length);
    }

    /** Real values {@code (code - zeroPoint) * scale} of every element. */
    public float[] dequantize() {
        float[] out = new float[codes.length];
        int perSet = codes.length / scales.length;
        for (int i = 0; i < codes.length; i++) {
            int p = i / perSet;
            out[i] = (float) (codes[i] - zeroPoints[p]) * scales[p];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantizedTensor q
                && bits == q.bits
                && symmetric == q.symmetric
                && granularity == q.granularity
                && Arrays.equals(shape, q.shape)
                && Arrays.equals(codes, q.codes)
                && Arrays.equals(scales, q.scales)
                && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                bits,
                symmetric,
                granularity,
                Arrays.hashCode(shape),
                Arrays.hashCode(codes),
                Arrays.hashCode(scales),
                Arrays.hashCode(zeroPoints));
    }

    @Override
    public String toString() {
        return "QuantizedTensor["
                + bits
                + "-bit "
                + (symmetric ? "symmetric" : "asymmetric")
                + " "
                + granularity
                + ", shape="
                + Arrays.toString(shape)
                + ", scales="
                + Arrays.toString(scales)
                + ", zeroPoints="
                + Arrays.toString(zeroPoints)
                + "]";
    }
}
