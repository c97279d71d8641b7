package dev.frontier.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A run as read back from a store: its identity, status, params, latest metric values and tags.
 *
 * @param runId the run's id
 * @param experimentId the experiment it belongs to
 * @param runName its display name
 * @param status its lifecycle state
 * @param startTimeMillis when it started
 * @param endTimeMillis when it ended, empty while it runs
 * @param params its params
 * @param metrics the latest value of each metric (highest step, then latest time)
 * @param tags its tags, including MLflow's system tags
 * @param artifactUri where its artifacts live, e.g. {@code mlflow-artifacts:/1/<id>/artifacts}
 */
public record TrackedRun(
        String runId,
        String experimentId,
        String runName,
        RunStatus status,
        long startTimeMillis,
        OptionalLong endTimeMillis,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> tags,
        String artifactUri) {

    /** Checks identity fields and freezes the maps. */
    public TrackedRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, () -> "run " + runId + ": experimentId");
        runName = runName == null ? "" : runName;
        Objects.requireNonNull(status, () -> "run " + runId + ": status");
        Objects.requireNonNull(endTimeMillis, () -> "run " + runId + ": endTimeMillis");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        artifactUri = artifactUri == null ? "" : artifactUri;
    }

    /**
     * Returns the parent run's id, from the {@code mlflow.parentRunId} tag.
     *
     * @return the parent id, or empty for a top-level run
     */
    public Optional<String> parentRunId() {
        return Optional.ofNullable(tags.get(MlflowTags.PARENT_RUN_ID));
    }

    /**
     * Returns the tag's value.
     *
     * @param key the tag name
     * @return the value, or empty
     */
    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }
}
