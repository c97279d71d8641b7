package dev.frontier.onnx.quant;

/**
 * How a layer's weights are quantized: bit-width (2..8), symmetric (zero point 0) or asymmetric, and
 * per-output-channel (axis 0) or per-tensor scales. Widths below 8 are stored as int8 values restricted to
 * the lower range and execute on int8 kernels.
 */
public record WeightQuant(int bits, boolean symmetric, boolean perChannel) {
    public WeightQuant {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException("weight bits must be in 2..8 for int8 storage, got " + bits
                    + " (16/32-bit layers are exported as fp32: leave them out of the plan)");
        }
    }

    /** 8-bit symmetric per-channel: the form ONNX Runtime's int8 kernels run fastest. */
    public static WeightQuant int8() {
        return new WeightQuant(8, true, true);
    }

    /** Symmetric per-channel at the given width. */
    public static WeightQuant symmetric(int bits) {
        return new WeightQuant(bits, true, true);
    }

    /** Largest stored integer: {@code 2^(bits-1) - 1}. */
    public int qmax() {
        return (1 << (bits - 1)) - 1;
    }

    /** Smallest stored integer: {@code -qmax} when symmetric (a symmetric grid), {@code -2^(bits-1)} otherwise. */
    public int qmin() {
        return symmetric ? -qmax() : -(1 << (bits - 1));
    }
}
