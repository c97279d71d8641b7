package dev.frontier.codec.quant;

/** Which distribution a percentile calibrator takes its percentile of. */
public enum PercentileTails {
    /** Percentile p of |x|; the range is {@code [-t, t]} intersected with the observed range. */
    ABSOLUTE,
    /** Percentile (100 - p) for the lower end and p for the upper end of x itself. */
    BOTH
}
