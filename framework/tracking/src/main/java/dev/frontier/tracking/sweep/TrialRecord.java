package dev.frontier.tracking.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trial to log as a child run.
 *
 * @param trialId the trial's id within its sweep, e.g. {@code T4}
 * @param runName the child run's display name, e.g. {@code T4-r0.9-b4} (see {@link RunNames})
 * @param technique technique label, e.g. {@code prune+quantize}
 * @param ok whether the trial finished
 * @param failureReason why it failed; empty when ok
 * @param params every effective parameter, in order
 * @param metrics final figures, logged at step 0 (accuracy, CI bounds, size, latency, ...)
 * @param curves per-epoch curves, logged with the list index as the step (e.g. {@code train_loss})
 * @param artifacts files to store, e.g. the compressed model
 * @param stopped whether the trial was stopped early (not ok, not failed: its reason says which
 *     trial beat it); its child run ends KILLED with the tag {@code status: STOPPED}
 */
public record TrialRecord(
        String trialId,
        String runName,
        String technique,
        boolean ok,
        String failureReason,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, List<Double>> curves,
        List<ArtifactFile> artifacts,
        boolean stopped) {

    /**
     * Checks the identity and that a failure, and only a failure, has a reason; freezes the
     * collections.
     */
    public TrialRecord {
        if (trialId == null || trialId.isBlank()) {
            throw new IllegalArgumentException("trial id must not be blank");
        }
        if (runName == null || runName.isBlank() || technique == null || technique.isBlank()) {
            throw new IllegalArgumentException(
                    "trial " + trialId + ": run name and technique must not be blank");
        }
        failureReason = failureReason == null ? "" : failureReason.strip();
        if (ok != failureReason.isEmpty()) {
            throw new IllegalArgumentException(
                    "trial "
                            + trialId
                            + (ok
                                    ? " is ok but has failure reason '" + failureReason + "'"
                                    : " failed but has no failure reason"));
        }
        params =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        metrics =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics")));
        var frozen = new LinkedHashMap<String, List<Double>>();
        Objects.requireNonNull(curves, "curves").forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        curves = Collections.unmodifiableMap(frozen);
        artifacts = List.copyOf(artifacts);
        if (ok && stopped) {
            throw new IllegalArgumentException("trial " + trialId + " is ok but stopped");
        }
    }

    /** As the canonical constructor, not stopped. */
    public TrialRecord(
            String trialId,
            String runName,
            String technique,
            boolean ok,
            String failureReason,
            Map<String, String> params,
            Map<String, Double> metrics,
            Map<String, List<Double>> curves,
            List<ArtifactFile> artifacts) {
        this(
                trialId,
                runName,
                technique,
                ok,
                failureReason,
                params,
                metrics,
                curves,
                artifacts,
                false);
    }

    /**
     * Returns a trial stopped early.
     *
     * @param trialId its id
     * @param runName display name
     * @param technique technique label
     * @param params effective parameters
     * @param reason which measured trial beat it, by how much
     * @param metrics what it was judged on
     * @return the record
     */
    public static TrialRecord stopped(
            String trialId,
            String runName,
            String technique,
            Map<String, String> params,
            String reason,
            Map<String, Double> metrics) {
        return new TrialRecord(
                trialId, runName, technique, false, reason, params, metrics, Map.of(), List.of(),
                true);
    }

    /** OK, FAILED or STOPPED, as the child run's {@code status} tag says. */
    public String statusName() {
        return ok ? "OK" : stopped ? "STOPPED" : "FAILED";
    }

    /**
     * Returns a finished trial.
     *
     * @param trialId its id
     * @param runName display name
     * @param technique technique label
     * @param params effective parameters
     * @param metrics final figures
     * @param curves per-epoch curves
     * @param artifacts files to store
     * @return the record
     */
    public static TrialRecord ok(
            String trialId,
            String runName,
            String technique,
            Map<String, String> params,
            Map<String, Double> metrics,
            Map<String, List<Double>> curves,
            List<ArtifactFile> artifacts) {
        return new TrialRecord(
                trialId, runName, technique, true, "", params, metrics, curves, artifacts);
    }

    /**
     * Returns a failed trial.
     *
     * @param trialId its id
     * @param runName display name
     * @param technique technique label
     * @param params effective parameters
     * @param reason why it failed
     * @return the record
     */
    public static TrialRecord failed(
            String trialId,
            String runName,
            String technique,
            Map<String, String> params,
            String reason) {
        return new TrialRecord(
                trialId, runName, technique, false, reason, params, Map.of(), Map.of(), List.of());
    }
}
