package dev.frontier.analysis;

/**
 * Whether a trial ran to completion ({@link #OK}), stopped with an error ({@link #FAILED}), or was
 * stopped early because it could not reach the frontier ({@link #STOPPED}).
 */
public enum TrialStatus {
    /** The trial finished and its metrics were measured. */
    OK,
    /** The trial stopped with an error; its metrics, if any, are partial and never ranked. */
    FAILED,
    /**
     * The trial was stopped before it finished because trials already measured beat it by a margin
     * (early stopping); never ranked, and its reason says which trial and by how much.
     */
    STOPPED
}
