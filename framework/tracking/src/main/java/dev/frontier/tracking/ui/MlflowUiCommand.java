package dev.frontier.tracking.ui;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code mlflow ui} command that serves a Frontier file store on a loopback port, with {@code
 * MLFLOW_ALLOW_FILE_STORE=true}, which MLflow 3.x needs to read a file store.
 *
 * @param storeDir the file store's root, e.g. {@code ./mlruns}
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
     * Returns the command line.
     *
     * @return e.g. {@code [mlflow, ui, --backend-store-uri, /abs/mlruns, --host, 127.0.0.1, --port,
     *     5000]}
     */
    public List<String> command() {
        return List.of(
                executable,
                "ui",
                "--backend-store-uri",
                storeDir.toAbsolutePath().normalize().toString(),
                "--host",
                host,
                "--port",
                Integer.toString(port));
    }

    /**
     * Returns the environment variables to add to the process's environment.
     *
     * @return {@code MLFLOW_ALLOW_FILE_STORE=true}
     */
    public Map<String, String> environment() {
        return Map.of("MLFLOW_ALLOW_FILE_STORE", "true");
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
