package dev.frontier.codec.quant;

/**
 * Accumulates activation values batch by batch and proposes a clipping range for quantizing them.
 * Instances are stateful and meant for one tensor in one calibration run.
 */
public interface RangeCalibrator {

    /**
     * Adds one batch of observed values.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite
     */
    void observe(float[] batch);

    /** Number of values observed so far. */
    long observedCount();

    /**
     * The calibrated range for quantizing at {@code bits}; only MSE calibration depends on the
     * width.
     *
     * @throws IllegalStateException if nothing was observed yet
     */
    FloatRange range(int bits, boolean symmetric);

    /** Quantization parameters (scale and zero point) for the calibrated range. */
    default QuantParams params(int bits, boolean symmetric) {
        return QuantParams.fromRange(range(bits, symmetric), bits, symmetric);
    }

    /** Exact observed minimum and maximum. */
    static RangeCalibrator minMax() {
        return new MinMaxCalibrator();
    }

    /** A percentile of the observations (e.g. 99.99), of |x| or of each tail. */
    static RangeCalibrator percentile(double percentile, PercentileTails tails) {
        return new PercentileCalibrator(percentile, tails, PercentileCalibrator.DEFAULT_BINS);
    }

    /** The clipping range minimizing the quantization mean squared error on the observations. */
    static RangeCalibrator mse() {
        return new MseCalibrator(MseCalibrator.DEFAULT_BINS);
    }
}
