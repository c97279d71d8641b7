package dev.frontier.tracking.it;

import dev.frontier.tracking.ui.MlflowInstall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned MLflow the integration tests run: {@code framework/tracking/mlflow-env.sh} creates
 * {@code <repo>/.mlflow-venv} and installs {@code mlflow==3.17.2} into it on first use (once;
 * concurrent callers wait on its lock), later calls only check its pins stamp. Never PATH, never
 * skipped: a failed install fails the test with the script's output.
 *
 * @param bin the virtual environment's {@code bin} directory
 */
public record MlflowEnv(Path bin) {

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(20);

    /** The {@code mlflow} executable. */
    public Path mlflow() {
        return bin.resolve("mlflow");
    }

    /** The virtual environment's Python, which imports {@code mlflow}. */
    public Path python() {
        return bin.resolve("python");
    }

    /**
     * Runs the provisioning script (installing on first use) and returns the environment. The
     * script's progress lines are echoed to stderr as they come.
     *
     * @return the provisioned environment
     * @throws IllegalStateException when the script fails or times out, with its output
     */
    public static MlflowEnv provision() {
        Path script = repoRoot().resolve(MlflowInstall.SCRIPT);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process process;
        try {
            process =
                    new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        }
        Thread reader =
                new Thread(
                        () -> {
                            try (var in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                for (String line; (line = in.readLine()) != null; ) {
                                    lines.add(line);
                                    if (line.startsWith("setup mlflow:")) {
                                        System.err.println(line);
                                    }
                                }
                            } catch (IOException ignored) {
                                // the process was destroyed
                            }
                        },
                        "mlflow-env-output");
        reader.start();
        try {
            if (!process.waitFor(INSTALL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(
                        script
                                + " did not finish within "
                                + INSTALL_TIMEOUT
                                + "; output:\n"
                                + String.join("\n", lines));
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning MLflow", e);
        }
        String output = String.join("\n", lines);
        if (process.exitValue() != 0 || lines.isEmpty()) {
            throw new IllegalStateException(
                    "provisioning MLflow failed ("
                            + script
                            + ", exit "
                            + process.exitValue()
                            + "):\n"
                            + output);
        }
        var env = new MlflowEnv(Path.of(lines.get(lines.size() - 1)));
        if (!Files.isExecutable(env.mlflow()) || !Files.isExecutable(env.python())) {
            throw new IllegalStateException(
                    script
                            + " reported "
                            + env.bin()
                            + " but it has no executable mlflow and python;"
                            + " output:\n"
                            + output);
        }
        return env;
    }

    /**
     * The repository root: system property {@code frontier.repo} (set by the build), else the
     * nearest directory above the working directory that holds the provisioning script.
     */
    static Path repoRoot() {
        String property = System.getProperty("frontier.repo");
        if (property != null && Files.isRegularFile(Path.of(property, MlflowInstall.SCRIPT))) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MlflowInstall.SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "cannot find "
                        + MlflowInstall.SCRIPT
                        + " above "
                        + Path.of("").toAbsolutePath()
                        + " (frontier.repo="
                        + property
                        + ")");
    }
}
