package dev.frontier.analysis;

import java.util.Optional;

/**
 * The 95% confidence interval a trial reports for one of its metrics.
 *
 * <p>Read from {@code <metric>_ci_low} and {@code <metric>_ci_high} (the executor's Wilson interval
 * of the accuracy), or else from a half-width {@code <metric>_ci95} around the value.
 *
 * @param low the lower bound
 * @param high the upper bound
 */
public record ConfidenceInterval(double low, double high) {

    /** Checks the bounds are ordered numbers. */
    public ConfidenceInterval {
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException(
                    "confidence interval needs low <= high, got [" + low + ", " + high + "]");
        }
    }

    /**
     * Returns the interval a trial reports for a metric.
     *
     * @param outcome the trial
     * @param metric the metric, e.g. {@code accuracy}
     * @return the interval, or empty when the trial reports none (or only NaN bounds)
     */
    public static Optional<ConfidenceInterval> of(TrialOutcome outcome, String metric) {
        var low = outcome.metric(metric + "_ci_low");
        var high = outcome.metric(metric + "_ci_high");
        if (low.isPresent() && high.isPresent() && low.getAsDouble() <= high.getAsDouble()) {
            return Optional.of(new ConfidenceInterval(low.getAsDouble(), high.getAsDouble()));
        }
        var value = outcome.metric(metric);
        var half = outcome.metric(metric + "_ci95");
        if (value.isPresent() && half.isPresent() && half.getAsDouble() >= 0) {
            return Optional.of(
                    new ConfidenceInterval(
                            value.getAsDouble() - half.getAsDouble(),
                            value.getAsDouble() + half.getAsDouble()));
        }
        return Optional.empty();
    }

    /**
     * Returns half the interval's width.
     *
     * @return (high - low) / 2
     */
    public double halfWidth() {
        return (high - low) / 2;
    }

    /**
     * Returns the interval's middle (for a Wilson interval, not the measured value itself).
     *
     * @return (low + high) / 2
     */
    public double midpoint() {
        return (low + high) / 2;
    }
}
