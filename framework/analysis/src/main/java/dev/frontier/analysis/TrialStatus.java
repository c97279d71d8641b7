package dev.frontier.analysis;

/** Whether a trial ran to completion ({@link #OK}) or stopped with an error ({@link #FAILED}). */
public enum TrialStatus {
    /** The trial finished and its metrics were measured. */
    OK,
    /** The trial stopped with an error; its metrics, if any, are partial and never ranked. */
    FAILED
}
