package dev.frontier.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What one finished trial of a sweep produced: who it is, how it was compressed, and what it
 * measured.
 *
 * <p>Parameters and metrics keep the order they were given in; that order becomes the column order
 * of tables. A metric value may be NaN (e.g. a loss that diverged): such a trial is never ranked on
 * that metric.
 *
 * @param trialId stable identifier of the trial within its sweep
 * @param name readable name, e.g. {@code prune-0.5+int8}
 * @param technique technique label, e.g. {@code baseline}, {@code prune}, {@code quantize}, {@code
 *     prune+quantize}, {@code distill}; charts colour points by it
 * @param status whether the trial finished
 * @param failureReason why the trial failed; empty for {@link TrialStatus#OK}
 * @param params the trial's parameters, in order
 * @param metrics the trial's measured metrics, in order
 */
public record TrialOutcome(
        String trialId,
        String name,
        String technique,
        TrialStatus status,
        String failureReason,
        Map<String, String> params,
        Map<String, Double> metrics) {

    /** Validates the fields and freezes the maps in their given order. */
    public TrialOutcome {
        requireText(trialId, "trialId", "?");
        requireText(name, "name", trialId);
        requireText(technique, "technique", trialId);
        Objects.requireNonNull(status, () -> "trial " + trialId + ": status must not be null");
        failureReason = failureReason == null ? "" : failureReason.strip();
        if (status != TrialStatus.OK && failureReason.isEmpty()) {
            throw new IllegalArgumentException(
                    "trial " + trialId + " is " + status + " but has no reason");
        }
        if (status == TrialStatus.OK && !failureReason.isEmpty()) {
            throw new IllegalArgumentException(
                    "trial " + trialId + " is OK but has a failure reason: " + failureReason);
        }
        params = frozen(params, "params", trialId);
        metrics = frozen(metrics, "metrics", trialId);
    }

    /**
     * Returns a finished trial.
     *
     * @param trialId stable identifier
     * @param name readable name
     * @param technique technique label
     * @param params parameters in order
     * @param metrics metrics in order
     * @return the outcome
     */
    public static TrialOutcome ok(
            String trialId,
            String name,
            String technique,
            Map<String, String> params,
            Map<String, Double> metrics) {
        return new TrialOutcome(trialId, name, technique, TrialStatus.OK, "", params, metrics);
    }

    /**
     * Returns a failed trial with no metrics.
     *
     * @param trialId stable identifier
     * @param name readable name
     * @param technique technique label
     * @param params parameters in order
     * @param reason why it failed, e.g. the exception message
     * @return the outcome
     */
    public static TrialOutcome failed(
            String trialId,
            String name,
            String technique,
            Map<String, String> params,
            String reason) {
        return new TrialOutcome(
                trialId, name, technique, TrialStatus.FAILED, reason, params, Map.of());
    }

    /**
     * Returns a trial stopped early, with what it had measured when it stopped.
     *
     * @param trialId stable identifier
     * @param name readable name
     * @param technique technique label
     * @param params parameters in order
     * @param reason which measured trial beat it, and by how much
     * @param metrics what was known when it stopped (never ranked)
     * @return the outcome
     */
    public static TrialOutcome stopped(
            String trialId,
            String name,
            String technique,
            Map<String, String> params,
            String reason,
            Map<String, Double> metrics) {
        return new TrialOutcome(
                trialId, name, technique, TrialStatus.STOPPED, reason, params, metrics);
    }

    /**
     * Returns true if the trial finished.
     *
     * @return whether {@link #status()} is OK
     */
    public boolean isOk() {
        return status == TrialStatus.OK;
    }

    /**
     * Returns the metric's value if the trial reported it and it is not NaN.
     *
     * @param metric the metric name
     * @return the value, or empty
     */
    public OptionalDouble metric(String metric) {
        Double value = metrics.get(metric);
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static void requireText(String value, String field, String trialId) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "trial " + trialId + ": " + field + " must not be blank");
        }
    }

    private static <V> Map<String, V> frozen(Map<String, V> map, String field, String trialId) {
        Objects.requireNonNull(map, () -> "trial " + trialId + ": " + field + " must not be null");
        var copy = new LinkedHashMap<String, V>();
        map.forEach(
                (key, value) -> {
                    if (key == null || key.isBlank() || value == null) {
                        throw new IllegalArgumentException(
                                "trial "
                                        + trialId
                                        + ": "
                                        + field
                                        + " has a blank key or null value: "
                                        + key
                                        + "="
                                        + value);
                    }
                    copy.put(key, value);
                });
        return Collections.unmodifiableMap(copy);
    }
}
