package dev.frontier.onnx.quant;

import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.Quantizer;

/**
 * How a layer's weights are quantized for a QDQ export: bit-width (2..8), symmetric (zero point 0)
 * or asymmetric, and per-output-channel (axis 0) or per-tensor scales. The codes themselves come
 * from the codec's {@link Quantizer}, so an exported layer holds exactly the values the simulated
 * (fake-quantized) model used. Widths below 8 are stored as int8 values restricted to the narrower
 * range (symmetric: {@code ±(2^(b-1)-1)}) and execute on int8 kernels.
 */
public record WeightQuant(int bits, boolean symmetric, boolean perChannel) {
    public WeightQuant {
        if (bits < 2 || bits > 8) {
            throw new IllegalArgumentException(
                    "weight bits must be in 2..8 for int8 storage, got "
                            + bits
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

    /** Per channel (dimension 0) or per tensor. */
    public Granularity granularity() {
        return perChannel ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR;
    }

    /**
     * The codec quantizer that turns a float weight tensor into these codes, scales and zero
     * points.
     */
    public Quantizer quantizer() {
        return new Quantizer(bits, symmetric, granularity());
    }
}
