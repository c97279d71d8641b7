package dev.frontier.analysis.pareto;

/** Where a trial ended up in a Pareto analysis: ranked, or why it was left out. */
public enum Standing {
    /** Feasible and complete: the trial has a front rank. */
    RANKED,
    /** The trial finished but violates a constraint. */
    INFEASIBLE,
    /** The trial finished but lacks (or has NaN for) an objective or constraint metric. */
    INCOMPLETE,
    /** The trial failed. */
    FAILED,
    /** The trial was stopped early: measured trials beat it by a margin. */
    STOPPED
}
