package dev.frontier.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run is created with: its name, its parent (for a child run) and the tags it starts with.
 *
 * @param runName readable name shown in the MLflow UI, e.g. {@code T4-r0.9-b4}
 * @param parentRunId the parent run's id for a nested run, empty for a top-level run
 * @param startTimeMillis when the run started, in milliseconds since the epoch
 * @param tags tags to set at creation; {@code mlflow.runName} and {@code mlflow.parentRunId} are
 *     added by the store and must not be given here
 */
public record NewRun(
        String runName,
        Optional<String> parentRunId,
        long startTimeMillis,
        Map<String, String> tags) {

    /** Checks the name and freezes the tags. */
    public NewRun {
        if (runName == null || runName.isBlank()) {
            throw new IllegalArgumentException("run name must not be blank");
        }
        Objects.requireNonNull(parentRunId, "parentRunId");
        if (startTimeMillis < 0) {
            throw new IllegalArgumentException(
                    "run '" + runName + "': start time " + startTimeMillis + " is negative");
        }
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(RunBatch.ofTags(tags).tags()));
        for (String reserved : new String[] {MlflowTags.RUN_NAME, MlflowTags.PARENT_RUN_ID}) {
            if (tags.containsKey(reserved)) {
                throw new IllegalArgumentException(
                        "run '"
                                + runName
                                + "': tag "
                                + reserved
                                + " is set from runName/parentRunId; do not pass it in tags");
            }
        }
    }

    /**
     * Returns a top-level run with no tags.
     *
     * @param runName the name
     * @param startTimeMillis the start time
     * @return the new-run description
     */
    public static NewRun named(String runName, long startTimeMillis) {
        return new NewRun(runName, Optional.empty(), startTimeMillis, Map.of());
    }

    /**
     * Returns this run nested under {@code parentRunId}.
     *
     * @param parentRunId the parent's id
     * @return a copy with the parent set
     */
    public NewRun withParent(String parentRunId) {
        return new NewRun(runName, Optional.of(parentRunId), startTimeMillis, tags);
    }

    /**
     * Returns this run with {@code extra} tags added (replacing equal names).
     *
     * @param extra tags to add
     * @return a copy with the tags
     */
    public NewRun withTags(Map<String, String> extra) {
        var all = new LinkedHashMap<>(tags);
        all.putAll(extra);
        return new NewRun(runName, parentRunId, startTimeMillis, all);
    }

    /**
     * Returns every tag the store sets at creation: the given tags plus the run name and parent
     * tags.
     *
     * @return tags in order
     */
    public Map<String, String> allTags() {
        var all = new LinkedHashMap<>(tags);
        all.put(MlflowTags.RUN_NAME, runName);
        parentRunId.ifPresent(id -> all.put(MlflowTags.PARENT_RUN_ID, id));
        return all;
    }
}
