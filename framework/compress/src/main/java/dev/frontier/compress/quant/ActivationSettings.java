package dev.frontier.compress.quant;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.QuantSettings;
import java.util.Objects;

/**
 * How the inputs of conv/linear layers are quantized: bit-width, symmetric or asymmetric (the
 * default, uint8-like, since most inputs follow a ReLU), the range calibration method, how many
 * validation images calibrate it, and how fast min-max ranges follow quantization-aware training.
 *
 * <p>During QAT ({@link QuantizePass.Method#QAT}), a {@link CalibrationMethod#MIN_MAX} range starts
 * at its calibrated value and, on every training forward pass, moves toward the batch's minimum and
 * maximum by an exponential moving average, {@code range = momentum * range + (1 - momentum) *
 * batch} (the moving-average min-max observer of PyTorch's and TensorFlow's QAT); evaluation
 * forward passes leave it alone. {@link CalibrationMethod#PERCENTILE} and {@link
 * CalibrationMethod#MSE} ranges stay at their calibrated values for the whole fine-tuning: a batch
 * minimum and maximum would undo the outlier clipping those methods were chosen for. A momentum of
 * 1 keeps min-max ranges fixed too.
 *
 * @param momentum weight of the running range in each QAT update, in [0, 1]; 0 takes each batch's
 *     min and max as they are, 1 never moves (only {@code MIN_MAX} ranges move at all)
 */
public record ActivationSettings(
        int bits, boolean symmetric, CalibrationMethod method, int samples, double momentum) {

    /** The default QAT range momentum (PyTorch's moving-average observers use 0.99 as well). */
    public static final double DEFAULT_MOMENTUM = 0.99;

    public ActivationSettings {
        Objects.requireNonNull(method, "method");
        try {
            QuantParams.checkBits(bits, symmetric);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation bits: " + e.getMessage(), e);
        }
        if (samples < 1) {
            throw new IllegalArgumentException(
                    "activation calibration samples must be >= 1, got " + samples);
        }
        checkMomentum(momentum);
    }

    /** Settings with the default QAT range momentum. */
    public ActivationSettings(int bits, boolean symmetric, CalibrationMethod method, int samples) {
        this(bits, symmetric, method, samples, DEFAULT_MOMENTUM);
    }

    /** 8-bit asymmetric activations calibrated with {@code method} on {@code samples} images. */
    public static ActivationSettings int8(CalibrationMethod method, int samples) {
        return new ActivationSettings(8, false, method, samples);
    }

    /**
     * The activation part of a model's quantization settings: 8-bit asymmetric with its
     * calibration.
     */
    public static ActivationSettings of(QuantSettings settings) {
        return int8(settings.calibration(), settings.calibrationSamples());
    }

    /** These settings with QAT range momentum {@code m}. */
    public ActivationSettings withMomentum(double m) {
        return new ActivationSettings(bits, symmetric, method, samples, m);
    }

    /**
     * Whether QAT training forwards move the ranges: min-max calibration and a momentum below 1.
     */
    public boolean tracksRanges() {
        return method == CalibrationMethod.MIN_MAX && momentum < 1;
    }

    /**
     * Checks a QAT range momentum: finite, in [0, 1].
     *
     * @throws IllegalArgumentException naming the value
     */
    static void checkMomentum(double m) {
        if (!(m >= 0 && m <= 1)) {
            throw new IllegalArgumentException(
                    "activation range momentum must be in [0, 1], got " + m);
        }
    }
}
