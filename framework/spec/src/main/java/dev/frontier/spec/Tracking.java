package dev.frontier.spec;

import java.util.Objects;

/**
 * Where runs are logged: an MLflow tracking URI and experiment name.
 *
 * @param uri MLflow tracking URI, e.g. {@code http://localhost:5000}
 * @param experiment MLflow experiment name
 */
public record Tracking(String uri, String experiment) {

    /** Checks that neither part is blank. */
    public Tracking {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(experiment, "experiment");
        new Checks()
                .require(
                        !uri.isBlank(),
                        "uri",
                        "found an empty uri, expected an MLflow tracking URI")
                .require(
                        !experiment.isBlank(),
                        "experiment",
                        "found an empty name, expected an MLflow experiment name")
                .done();
    }
}
