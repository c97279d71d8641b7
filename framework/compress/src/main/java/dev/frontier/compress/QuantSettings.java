package dev.frontier.compress;

import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.limits.Limits;
import java.util.Map;
import java.util.Objects;

/**
 * Quantization of one model: weight bits ({@link Limits#isBits}: 1..8 integer, symmetric from 2; 16
 * = fp16; 32 = fp32 reference), symmetric or asymmetric, per-tensor or per-channel, per-layer bit
 * overrides (mixed precision), and optional 8-bit activations calibrated on a validation subset.
 * Weight ranges are min-max or MSE-fitted ({@link RangeFit}).
 */
public record QuantSettings(
        int bits,
        boolean symmetric,
        boolean perChannel,
        Map<String, Integer> overrides,
        boolean activations,
        CalibrationMethod calibration,
        int calibrationSamples,
        RangeFit weightFit) {

    /**
     * Checks every width against {@link Limits} (with this symmetry) and the calibration sample
     * count.
     */
    public QuantSettings {
        checkBits(bits, symmetric, "bits");
        overrides = Map.copyOf(overrides);
        overrides.forEach((layer, b) -> checkBits(b, symmetric, "overrides." + layer));
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(weightFit, "weightFit");
        Limits.CALIBRATION_SAMPLES.check(calibrationSamples, "calibrationSamples");
    }

    /** Settings whose weight ranges are min-max. */
    public QuantSettings(
            int bits,
            boolean symmetric,
            boolean perChannel,
            Map<String, Integer> overrides,
            boolean activations,
            CalibrationMethod calibration,
            int calibrationSamples) {
        this(
                bits,
                symmetric,
                perChannel,
                overrides,
                activations,
                calibration,
                calibrationSamples,
                RangeFit.MIN_MAX);
    }

    /** Weights only at {@code bits}, symmetric per-channel. */
    public static QuantSettings weights(int bits) {
        return new QuantSettings(bits, true, true, Map.of(), false, CalibrationMethod.MIN_MAX, 512);
    }

    public QuantSettings withActivations(CalibrationMethod method, int samples) {
        return new QuantSettings(
                bits, symmetric, perChannel, overrides, true, method, samples, weightFit);
    }

    public QuantSettings withOverrides(Map<String, Integer> o) {
        return new QuantSettings(
                bits,
                symmetric,
                perChannel,
                o,
                activations,
                calibration,
                calibrationSamples,
                weightFit);
    }

    public QuantSettings withScheme(boolean sym, boolean channel) {
        return new QuantSettings(
                bits,
                sym,
                channel,
                overrides,
                activations,
                calibration,
                calibrationSamples,
                weightFit);
    }

    /**
     * These settings with weight ranges fitted by {@code fit} (MSE clips outliers; worth it at 4
     * bits and below).
     */
    public QuantSettings withWeightFit(RangeFit fit) {
        return new QuantSettings(
                bits,
                symmetric,
                perChannel,
                overrides,
                activations,
                calibration,
                calibrationSamples,
                fit);
    }

    /** Bits for a layer: its override or the default. */
    public int bitsFor(String layer) {
        return overrides.getOrDefault(layer, bits);
    }

    /** The storage encoding of a layer's weights. */
    public TensorEncoding encodingFor(String layer) {
        return TensorEncoding.ofBits(bitsFor(layer), symmetric, perChannel, weightFit);
    }

    private static void checkBits(int b, boolean symmetric, String what) {
        if (!Limits.isBits(b)) {
            throw new IllegalArgumentException(
                    what + " must be " + Limits.BITS_TEXT + ", got " + b);
        }
        if (!Limits.isBits(b, symmetric)) {
            throw new IllegalArgumentException(
                    what
                            + " is "
                            + b
                            + " with symmetric quantization, which needs >= "
                            + Limits.MIN_SYMMETRIC_BITS
                            + " bits (1-bit symmetric codes can only hold 0); use asymmetric");
        }
    }
}
