package dev.frontier.onnx.quant;

/**
 * The calibrated quantization of a layer's input activations: scale and zero point of an 8-bit tensor,
 * unsigned ({@code uint8}, zero point 0..255, the fast path on x86) or signed ({@code int8}).
 */
public record ActivationQuant(double scale, int zeroPoint, boolean signed) {
    public ActivationQuant {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("activation scale must be finite and > 0, got " + scale);
        }
        int lo = signed ? -128 : 0;
        int hi = signed ? 127 : 255;
        if (zeroPoint < lo || zeroPoint > hi) {
            throw new IllegalArgumentException("zero point " + zeroPoint + " outside " + lo + ".." + hi + " for "
                    + (signed ? "int8" : "uint8"));
        }
    }

    /**
     * Asymmetric uint8 quantization covering {@code [min, max]} widened to include 0 (so ReLU outputs get
     * zero point 0, which lets ONNX Runtime drop the ReLU into the int8 kernel).
     */
    public static ActivationQuant uint8Range(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("activation range must be finite with min <= max, got [" + min + ", " + max + "]");
        }
        double lo = Math.min(0, min);
        double hi = Math.max(0, max);
        if (hi - lo < 1e-12) {
            return new ActivationQuant(1.0 / 255, 0, false);
        }
        double scale = (hi - lo) / 255;
        int zp = (int) Math.max(0, Math.min(255, Math.rint(-lo / scale)));
        return new ActivationQuant(scale, zp, false);
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
