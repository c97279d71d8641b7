package dev.frontier.tracking;

/**
 * One value of a metric at a step and time, as MLflow stores it (a file-store line {@code timestamp
 * value step}).
 *
 * @param key the metric name, e.g. {@code accuracy} or {@code train_loss}
 * @param value the value; NaN and infinities are allowed, as in MLflow
 * @param timestampMillis when it was measured, in milliseconds since the epoch
 * @param step the step, e.g. the epoch index for training curves; 0 for a final figure
 */
public record MetricPoint(String key, double value, long timestampMillis, long step) {

    /** Checks the name and that the time and step are not negative. */
    public MetricPoint {
        MlflowNames.requireValidKey(key, "metric");
        if (timestampMillis < 0 || step < 0) {
            throw new IllegalArgumentException(
                    "metric '"
                            + key
                            + "': timestamp "
                            + timestampMillis
                            + " and step "
                            + step
                            + " must not be negative");
        }
    }
}
