package dev.frontier.tracking.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Frontier finds Python MLflow: the repository's pinned virtual environment ({@value
 * #VENV_DIR}, made by {@value #SETUP_COMMAND}, i.e. {@value #SCRIPT}), else {@code mlflow} on PATH.
 */
public final class MlflowInstall {
    /** The MLflow version Frontier is tested with and installs. */
    public static final String VERSION = "3.17.2";

    /** The virtual environment's directory, relative to the repository root. */
    public static final String VENV_DIR = ".mlflow-venv";

    /** The provisioning script, relative to the repository root. */
    public static final String SCRIPT = "framework/tracking/mlflow-env.sh";

    /** The command that provisions the virtual environment, run from the repository root. */
    public static final String SETUP_COMMAND = "./frontier setup mlflow";

    private MlflowInstall() {}

    /**
     * Returns the {@code mlflow} executable of the repository's virtual environment, if it was
     * provisioned.
     *
     * @param repo the repository root
     * @return {@code <repo>/.mlflow-venv/bin/mlflow} when executable
     */
    public static Optional<Path> inVenv(Path repo) {
        Path mlflow = repo.resolve(VENV_DIR).resolve("bin").resolve("mlflow");
        return Files.isExecutable(mlflow) ? Optional.of(mlflow) : Optional.empty();
    }

    /**
     * Returns the first {@code mlflow} executable on a search path.
     *
     * @param pathVariable the value of {@code PATH} (may be null or empty)
     * @return the executable, if any
     */
    public static Optional<Path> onPath(String pathVariable) {
        for (String entry :
                Objects.requireNonNullElse(pathVariable, "").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, "mlflow");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the {@code mlflow} to run: the repository's virtual environment, else PATH.
     *
     * @param repo the repository root
     * @param pathVariable the value of {@code PATH}
     * @return the executable, or empty when MLflow is not installed
     */
    public static Optional<Path> find(Path repo, String pathVariable) {
        return inVenv(repo).or(() -> onPath(pathVariable));
    }

    /**
     * Returns what to tell the user when {@link #find} found nothing.
     *
     * @param repo the repository root
     * @return the message, naming the command that installs MLflow
     */
    public static String notInstalledMessage(Path repo) {
        return "MLflow is not installed (no "
                + repo.resolve(VENV_DIR).resolve("bin/mlflow")
                + ", no mlflow on PATH)."
                + " Install it with: cd "
                + repo
                + " && "
                + SETUP_COMMAND
                + "   (mlflow=="
                + VERSION
                + " into "
                + VENV_DIR
                + ", nothing system-wide)";
    }
}
