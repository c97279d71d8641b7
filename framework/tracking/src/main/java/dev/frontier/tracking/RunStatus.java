package dev.frontier.tracking;

import java.util.Arrays;

/**
 * The lifecycle state of an MLflow run, with the integer code MLflow's file store writes in
 * meta.yaml.
 */
public enum RunStatus {
    /** The run is being logged. */
    RUNNING(1),
    /** The run is scheduled but has not started. */
    SCHEDULED(2),
    /** The run ended normally. */
    FINISHED(3),
    /** The run ended with an error. */
    FAILED(4),
    /** The run was stopped before it ended. */
    KILLED(5);

    private final int code;

    RunStatus(int code) {
        this.code = code;
    }

    /**
     * Returns the integer MLflow stores for this status in a file store's run meta.yaml.
     *
     * @return the code, e.g. 3 for FINISHED
     */
    public int code() {
        return code;
    }

    /**
     * Returns true if the run has ended (FINISHED, FAILED or KILLED).
     *
     * @return whether the status is terminal
     */
    public boolean isTerminal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }

    /**
     * Returns the status with the given file-store code.
     *
     * @param code the integer from meta.yaml
     * @return the status
     * @throws IllegalArgumentException if no status has this code
     */
    public static RunStatus ofCode(int code) {
        return Arrays.stream(values())
                .filter(s -> s.code == code)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown MLflow run status code "
                                                + code
                                                + "; known: 1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED"));
    }
}
