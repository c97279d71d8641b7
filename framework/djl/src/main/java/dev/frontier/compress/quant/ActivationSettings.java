package dev.frontier.compress.quant;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.QuantSettings;
import java.util.Objects;

/**
 * How the inputs of conv/linear layers are quantized: bit-width, symmetric or asymmetric (the
 * default, uint8-like, since most inputs follow a ReLU), the range calibration method and how many
 * validation images calibrate it.
 */
public record ActivationSettings(int bits, boolean symmetric, CalibrationMethod method, int samples) {

    public ActivationSettings {
        Objects.requireNonNull(method, "method");
        try {
            QuantParams.checkBits(bits, symmetric);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation bits: " + e.getMessage(), e);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("activation calibration samples must be >= 1, got " + samples);
        }
    }

    /** 8-bit asymmetric activations calibrated with {@code method} on {@code samples} images. */
    public static ActivationSettings int8(CalibrationMethod method, int samples) {
        return new ActivationSettings(8, false, method, samples);
    }

    /** The activation part of a model's quantization settings: 8-bit asymmetric with its calibration. */
    public static ActivationSettings of(QuantSettings settings) {
        return int8(settings.calibration(), settings.calibrationSamples());
    }
}
