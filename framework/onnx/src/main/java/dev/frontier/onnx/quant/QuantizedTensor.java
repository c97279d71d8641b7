package dev.frontier.onnx.quant;

import java.util.Arrays;
import java.util.Objects;

/**
 * A weight tensor as stored in a QDQ model: int8 values, one scale and zero point per output channel
 * (axis 0) or a single pair for the whole tensor, and the tensor's shape.
 */
public record QuantizedTensor(byte[] values, float[] scales, byte[] zeroPoints, long[] shape) {
    public QuantizedTensor {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(zeroPoints, "zeroPoints");
        Objects.requireNonNull(shape, "shape");
        if (scales.length != zeroPoints.length || scales.length == 0) {
            throw new IllegalArgumentException("need one zero point per scale, got " + scales.length + " scales and "
                    + zeroPoints.length + " zero points");
        }
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
        }
        if (scales.length != 1 && scales.length != shape[0]) {
            throw new IllegalArgumentException("per-channel scales must match axis 0 (" + shape[0] + "), got " + scales.length);
        }
        for (float s : scales) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("weight scales must be finite and > 0, got " + s);
            }
        }
    }

    /** True when scales are per output channel. */
    public boolean perChannel() {
        return scales.length > 1 || shape[0] == 1;
    }

    /** The float value the runtime reconstructs for element {@code i}: {@code (q - zp) * scale}. */
    public float dequantized(int i) {
        int c = scales.length == 1 ? 0 : i / (values.length / scales.length);
        return (values[i] - zeroPoints[c]) * scales[c];
    }
}
