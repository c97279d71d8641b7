package dev.frontier.tracking.ui;

import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code mlflow ui} command that serves a Frontier store on a loopback port: a SQLite database
 * (the default, e.g. {@code ./mlruns.db}) as {@code --backend-store-uri sqlite:///<abs path>}, with
 * its artifact folder as the default artifact root; or a file store directory, with {@code
 * MLFLOW_ALLOW_FILE_STORE=true}, which MLflow 3.x needs to read a file store.
 *
 * @param storeDir the store: a SQLite database file (a file, or a name ending in {@code .db}) or a
 *     file store's root, e.g. {@code ./mlruns}
 * @param host the address to listen on, normally {@code 127.0.0.1}
 * @param port the port, 1..65535
 * @param executable the {@code mlflow} executable, e.g. {@code <repo>/.mlflow-venv/bin/mlflow} or
 *     {@code mlflow}
 */
public record MlflowUiCommand(Path storeDir, String host, int port, String executable) {

    /** Checks the port and that the fields are present. */
    public MlflowUiCommand {
        Objects.requireNonNull(storeDir, "storeDir");
        if (host == null || host.isBlank() || executable == null || executable.isBlank()) {
            throw new IllegalArgumentException("mlflow ui: host and executable must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("mlflow ui: port " + port + " is outside 1..65535");
        }
    }

    /**
     * Returns the command for {@code storeDir} on {@code 127.0.0.1:port} with {@code mlflow} from
     * PATH.
     *
     * @param storeDir the file store
     * @param port the port
     * @return the command
     */
    public static MlflowUiCommand loopback(Path storeDir, int port) {
        return loopback(storeDir, port, Path.of("mlflow"));
    }

    /**
     * Returns the command for {@code storeDir} on {@code 127.0.0.1:port} with the given {@code
     * mlflow}.
     *
     * @param storeDir the file store
     * @param port the port
     * @param mlflow the executable, e.g. from {@link MlflowInstall#find}
     * @return the command
     */
    public static MlflowUiCommand loopback(Path storeDir, int port, Path mlflow) {
        return new MlflowUiCommand(storeDir, "127.0.0.1", port, mlflow.toString());
    }

    /**
     * Returns true if the store is a SQLite database: an existing file, or a name ending in {@code
     * .db}.
     *
     * @return whether {@link #storeDir} is a database file
     */
    public boolean isSqlite() {
        return Files.isRegularFile(storeDir) || storeDir.getFileName().toString().endsWith(".db");
    }

    /**
     * Returns the command line.
     *
     * @return e.g. {@code [mlflow, ui, --backend-store-uri, sqlite:////abs/mlruns.db,
     *     --default-artifact-root, file:///abs/mlruns-artifacts, --host, 127.0.0.1, --port, 5000]}
     *     or, for a file store, {@code [mlflow, ui, --backend-store-uri, /abs/mlruns, --host,
     *     127.0.0.1, --port, 5000]}
     */
    public List<String> command() {
        Path store = storeDir.toAbsolutePath().normalize();
        var command = new ArrayList<>(List.of(executable, "ui", "--backend-store-uri"));
        if (isSqlite()) {
            command.add(TrackingUri.ofDatabase(store).value());
            command.add("--default-artifact-root");
            command.add(SqliteStore.artifactRootOf(store).toUri().toString().replaceAll("/+$", ""));
        } else {
            command.add(store.toString());
        }
        command.addAll(List.of("--host", host, "--port", Integer.toString(port)));
        return List.copyOf(command);
    }

    /**
     * Returns the environment variables to add to the process's environment.
     *
     * @return nothing for a SQLite database; {@code MLFLOW_ALLOW_FILE_STORE=true} for a file store
     */
    public Map<String, String> environment() {
        return isSqlite() ? Map.of() : Map.of("MLFLOW_ALLOW_FILE_STORE", "true");
    }

    /**
     * Returns the address to print for the user.
     *
     * @return e.g. {@code http://127.0.0.1:5000}
     */
    public URI address() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * Returns the address of the experiments list in MLflow's "Model training" view. MLflow
     * 3.17.2's UI chooses an experiment's view from its GenAI / Model training switch (kept in the
     * browser, GenAI by default) rather than from the {@code mlflow.experimentKind} tag; the {@code
     * workflowType} parameter sets the switch, so the experiments open on their runs.
     *
     * @return e.g. {@code http://127.0.0.1:5000/#/experiments?workflowType=machine_learning}
     */
    public URI runsAddress() {
        return URI.create(address() + "/#/experiments?workflowType=machine_learning");
    }

    /**
     * Returns a process builder with the command and environment set, output inherited.
     *
     * @return the builder, not started
     */
    public ProcessBuilder processBuilder() {
        var builder = new ProcessBuilder(command()).inheritIO();
        builder.environment().putAll(environment());
        return builder;
    }
}
