package dev.frontier.tracking;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run holds, for {@link LocalStore#createCompleteRun}: the store builds it in a
 * staging folder and moves it into place in one rename, so readers see either the whole run or none
 * of it.
 *
 * @param run its name, parent, start time and initial tags
 * @param batch its params, metric points and tags
 * @param artifacts files to store under its artifact root
 * @param status how it ended (FINISHED, FAILED or KILLED)
 * @param endTimeMillis when it ended
 */
public record CompleteRun(
        NewRun run,
        RunBatch batch,
        List<StoredArtifact> artifacts,
        RunStatus status,
        long endTimeMillis) {

    /** Checks that the run has ended and freezes the artifacts. */
    public CompleteRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(batch, () -> "run " + run.runName() + ": batch");
        artifacts = List.copyOf(artifacts);
        if (status == null || !status.isTerminal()) {
            throw new IllegalArgumentException(
                    "run "
                            + run.runName()
                            + ": a complete run ends FINISHED, FAILED or KILLED, not "
                            + status);
        }
    }
}
