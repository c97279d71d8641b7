package dev.frontier.tracking;

import java.util.Objects;

/**
 * An active experiment found in a local store.
 *
 * @param experimentId its id
 * @param name its name
 */
public record StoredExperiment(String experimentId, String name) {

    /** Checks that both fields are present. */
    public StoredExperiment {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(name, () -> "experiment " + experimentId + ": name");
    }
}
