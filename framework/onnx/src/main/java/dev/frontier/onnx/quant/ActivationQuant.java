package dev.frontier.onnx.quant;

import dev.frontier.codec.quant.FloatRange;
import dev.frontier.codec.quant.QuantParams;

/**
 * The calibrated quantization of a layer's input activations: scale and zero point of an 8-bit
 * tensor, unsigned ({@code uint8}, zero point 0..255, the fast path on x86) or signed ({@code
 * int8}).
 */
public record ActivationQuant(double scale, int zeroPoint, boolean signed) {
    public ActivationQuant {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(
                    "activation scale must be finite and > 0, got " + scale);
        }
        int lo = signed ? -128 : 0;
        int hi = signed ? 127 : 255;
        if (zeroPoint < lo || zeroPoint > hi) {
            throw new IllegalArgumentException(
                    "zero point "
                            + zeroPoint
                            + " outside "
                            + lo
                            + ".."
                            + hi
                            + " for "
                            + (signed ? "int8" : "uint8"));
        }
    }

    /**
     * Asymmetric uint8 quantization covering {@code [min, max]} widened to include 0 (so ReLU
     * outputs get zero point 0, which lets ONNX Runtime drop the ReLU into the int8 kernel). Scale
     * and zero point are the codec's {@link QuantParams#fromRange}, with the float32 scale ONNX
     * stores.
     */
    public static ActivationQuant uint8Range(double min, double max) {
        QuantParams p = QuantParams.fromRange(min, max, 8, false);
        return new ActivationQuant(p.scale(), p.zeroPoint(), false);
    }

    /** {@link #uint8Range(double, double)} of a calibrated range. */
    public static ActivationQuant uint8Range(FloatRange range) {
        return uint8Range(range.min(), range.max());
    }

    /** The value range this quantization represents without clipping. */
    public double representableMin() {
        return ((signed ? -128 : 0) - zeroPoint) * scale;
    }

    /** The largest value represented without clipping. */
    public double representableMax() {
        return ((signed ? 127 : 255) - zeroPoint) * scale;
    }
}
