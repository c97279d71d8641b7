package dev.frontier.tracking.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code mlflow server} on a free loopback port with a sqlite backend and artifact serving,
 * started once per test JVM and stopped (with its workers) when the JVM's tests end. The {@code
 * mlflow} executable comes from {@link MlflowEnv} (the repository's pinned virtual environment).
 */
public final class MlflowServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    final Path dir;
    final int port;
    private final Process process;

    private MlflowServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The command, as documented in the module README. */
    static List<String> command(Path mlflow, Path dir, int port) {
        return List.of(
                mlflow.toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--backend-store-uri",
                "sqlite:///" + dir.resolve("mlflow.db"),
                "--serve-artifacts",
                "--artifacts-destination",
                dir.resolve("artifacts").toString(),
                "--workers",
                "1");
    }

    public static MlflowServer start(Path mlflow) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("frontier-mlflow-server");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process =
                new ProcessBuilder(command(mlflow, dir, port))
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("server.log").toFile())
                        .start();
        var server = new MlflowServer(dir, port, process);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "mlflow server exited with "
                                + process.exitValue()
                                + "; log:\n"
                                + Files.readString(dir.resolve("server.log")));
            }
            try {
                HttpResponse<String> health =
                        client.send(
                                HttpRequest.newBuilder(URI.create(server.uri() + "/health"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        server.close();
        throw new IllegalStateException(
                "mlflow server did not answer /health within " + START_TIMEOUT + "; log in " + dir);
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
