package dev.frontier.tracking.sweep;

/** Names of the tags {@link SweepLogger} sets on parent (sweep) and child (trial) runs. */
public final class SweepTags {

    /** Parent: the sweep execution's id; a rerun with the same id resumes this parent run. */
    public static final String SWEEP_ID = "frontier.sweep_id";

    /** Parent: hash of the canonical spec. */
    public static final String SPEC_HASH = "frontier.spec_hash";

    /**
     * Parent: the git commit of the code that ran (also MLflow's {@code mlflow.source.git.commit}).
     */
    public static final String GIT_COMMIT = "frontier.git_commit";

    /** MLflow's own git-commit tag, shown by the UI. */
    public static final String MLFLOW_GIT_COMMIT = "mlflow.source.git.commit";

    /** Parent: the Frontier version. */
    public static final String VERSION = "frontier.version";

    /** Both: RUNNING/FINISHED/FAILED/KILLED for a sweep, OK/FAILED for a trial. */
    public static final String STATUS = "status";

    /** Child: the trial's id within its sweep. */
    public static final String TRIAL_ID = "frontier.trial_id";

    /** Child: the technique label, e.g. {@code prune+quantize}. */
    public static final String TECHNIQUE = "technique";

    /** Child: why the trial failed. */
    public static final String FAILURE_REASON = "failure_reason";

    /** Why a trial was stopped early (which measured trial beat it, by how much). */
    public static final String STOP_REASON = "stop_reason";

    /** Child: {@code true} if the trial is on the Pareto frontier. */
    public static final String PARETO = "pareto";

    /** Child: the trial's front rank, 1 = frontier, 0 = not ranked. */
    public static final String PARETO_RANK = "pareto_rank";

    private SweepTags() {}
}
