package dev.frontier.onnx.export;

import dev.frontier.codec.quant.QuantizedTensor;

/**
 * How the codec's integer codes are laid out in an ONNX {@code int8} initializer. Symmetric codes
 * ({@code ±(2^(b-1)-1)}) are stored as they are. Asymmetric codes ({@code 0..2^b-1}) and their zero
 * points are both shifted down by {@code 2^(b-1)} into the signed range, which leaves every
 * dequantized value {@code (code - zeroPoint) * scale} unchanged.
 */
final class Int8Storage {
    private Int8Storage() {}

    /**
     * The amount subtracted from codes and zero points: 0 when symmetric, else {@code 2^(bits-1)}.
     */
    static int offset(QuantizedTensor q) {
        return q.symmetric() ? 0 : 1 << (q.bits() - 1);
    }

    /** The codes as int8 values, row-major. */
    static byte[] values(QuantizedTensor q) {
        return shifted(q.codes(), offset(q));
    }

    /** The zero points as int8 values, one per parameter set. */
    static byte[] zeroPoints(QuantizedTensor q) {
        return shifted(q.zeroPoints(), offset(q));
    }

    /** The tensor's shape as ONNX dims. */
    static long[] dims(QuantizedTensor q) {
        int[] shape = q.shape();
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }

    private static byte[] shifted(int[] codes, int offset) {
        byte[] out = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int v = codes[i] - offset;
            if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
                throw new IllegalStateException(
                        "code " + codes[i] + " at index " + i + " does not fit int8 storage");
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
