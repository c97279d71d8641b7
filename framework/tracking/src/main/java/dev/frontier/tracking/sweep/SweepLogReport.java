package dev.frontier.tracking.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tracking of a sweep achieved: where the runs are, which trials have which child run,
 * whether the server copy is complete, and every problem met on the way.
 *
 * @param localStore the local store holding every run (the tracking URI's SQLite database or file
 *     store, or the buffer in front of a server)
 * @param parentRunId the parent run's id in the local store, empty if it could not be created
 * @param childRunIds child run id by trial id, in the local store
 * @param mirrorUri the server runs were mirrored to, empty for a file tracking URI
 * @param mirrored true if the server holds everything the local store holds
 * @param problems what went wrong, one sentence each; empty when all went well
 * @param mirrorParentRunId the parent run's id on the server, empty without a server or if it never
 *     got there
 */
public record SweepLogReport(
        String localStore,
        Optional<String> parentRunId,
        Map<String, String> childRunIds,
        Optional<String> mirrorUri,
        boolean mirrored,
        List<String> problems,
        Optional<String> mirrorParentRunId) {

    /** Freezes the collections. */
    public SweepLogReport {
        Objects.requireNonNull(localStore, "localStore");
        Objects.requireNonNull(parentRunId, "parentRunId");
        childRunIds = Collections.unmodifiableMap(new LinkedHashMap<>(childRunIds));
        Objects.requireNonNull(mirrorUri, "mirrorUri");
        problems = List.copyOf(problems);
        Objects.requireNonNull(mirrorParentRunId, "mirrorParentRunId");
    }

    /**
     * Returns how to name the parent run to a user: the server's id when there is a server copy
     * (with the local copy's id labelled), else the local id.
     *
     * @return e.g. "parent run 3f2a… (local copy 9c1b… in runs/x/mlruns)", or empty without a
     *     parent run
     */
    public Optional<String> parentRunLabel() {
        if (parentRunId.isEmpty()) {
            return Optional.empty();
        }
        if (mirrorUri.isEmpty()) {
            return Optional.of("parent run " + parentRunId.get());
        }
        return Optional.of(
                mirrorParentRunId
                        .map(
                                id ->
                                        "parent run "
                                                + id
                                                + " (local copy "
                                                + parentRunId.get()
                                                + " in "
                                                + localStore
                                                + ")")
                        .orElse(
                                "parent run "
                                        + parentRunId.get()
                                        + " (local copy in "
                                        + localStore
                                        + "; not on the server yet)"));
    }

    /**
     * Returns what a user should do to complete the server copy, if anything.
     *
     * @return e.g. "run `frontier sync --from … --to …`", or empty
     */
    public Optional<String> nextStep() {
        if (mirrorUri.isEmpty() || mirrored) {
            return Optional.empty();
        }
        return Optional.of(
                "the MLflow server "
                        + mirrorUri.get()
                        + " missed some runs; they are kept in "
                        + localStore
                        + ". Push them later with `frontier sync --from "
                        + localStore
                        + " --to "
                        + mirrorUri.get()
                        + "`");
    }
}
