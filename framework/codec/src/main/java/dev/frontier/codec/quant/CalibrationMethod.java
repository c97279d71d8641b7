package dev.frontier.codec.quant;

/** The calibration methods a sweep can name, each making a fresh {@link RangeCalibrator}. */
public enum CalibrationMethod {
    /** Observed min and max. */
    MIN_MAX,
    /** 99.99th percentile of |x|. */
    PERCENTILE,
    /** Clipping range minimizing quantization MSE. */
    MSE;

    /** Default percentile used by {@link #PERCENTILE}. */
    public static final double DEFAULT_PERCENTILE = 99.99;

    /** A new, empty calibrator for this method. */
    public RangeCalibrator newCalibrator() {
        return switch (this) {
            case MIN_MAX -> RangeCalibrator.minMax();
            case PERCENTILE ->
                    RangeCalibrator.percentile(DEFAULT_PERCENTILE, PercentileTails.ABSOLUTE);
            case MSE -> RangeCalibrator.mse();
        };
    }
}
