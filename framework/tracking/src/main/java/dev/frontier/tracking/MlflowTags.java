package dev.frontier.tracking;

/** Names of the system tags MLflow's UI and clients read, and of the tags Frontier adds. */
public final class MlflowTags {

    /** The run's display name. */
    public static final String RUN_NAME = "mlflow.runName";

    /** The id of the parent run; the UI nests a child run under it. */
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";

    /** Who logged the run. */
    public static final String USER = "mlflow.user";

    /** What logged the run, e.g. {@code frontier}. */
    public static final String SOURCE_NAME = "mlflow.source.name";

    /** The kind of source: {@code LOCAL}. */
    public static final String SOURCE_TYPE = "mlflow.source.type";

    /** The id of the file-store run a synced remote run was copied from; makes sync idempotent. */
    public static final String SOURCE_RUN_ID = "frontier.source_run_id";

    /**
     * The process writing a RUNNING file-store run, {@code <pid>@<host>}; tells a run still being
     * written from one left RUNNING by a process that died.
     */
    public static final String WRITER = "frontier.writer";

    /**
     * The experiment tag MLflow 3's UI reads to choose an experiment's view; without it an
     * experiment opens on the GenAI (traces) view.
     */
    public static final String EXPERIMENT_KIND = "mlflow.experimentKind";

    /** The {@link #EXPERIMENT_KIND} of Frontier's experiments: the UI opens on their runs. */
    public static final String CUSTOM_MODEL_DEVELOPMENT = "custom_model_development";

    private MlflowTags() {}
}
