package dev.frontier.exec.cluster;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the executor a sweep asks for among the providers on the class path. */
public final class StageExecutors {
    private StageExecutors() {}

    /**
     * The executor for {@code settings}; one clear error when no provider on the class path serves
     * its kind.
     */
    public static StageExecutor find(
            ExecutorSettings settings, int threadsPerStage, PrintStream log) {
        List<String> kinds = new ArrayList<>();
        for (StageExecutorProvider p : ServiceLoader.load(StageExecutorProvider.class)) {
            if (p.kind().equals(settings.kind())) {
                return p.create(settings, threadsPerStage, log);
            }
            kinds.add(p.kind());
        }
        throw new IllegalArgumentException(
                "executor kind '"
                        + settings.kind()
                        + "' is not available: "
                        + (settings.kind().equals("spark")
                                ? "the Spark executor needs frontier-spark on the class path"
                                        + " (run with the frontier-spark jar; see README \"Running on"
                                        + " a Spark cluster\")"
                                : "available: local"
                                        + (kinds.isEmpty()
                                                ? ""
                                                : ", " + String.join(", ", kinds))));
    }
}
