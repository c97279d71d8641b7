package dev.frontier.spark;

import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.cluster.StageExecutor;
import dev.frontier.exec.cluster.StageExecutorProvider;
import java.io.PrintStream;

/** Serves {@code executor: {kind: spark, master: ...}} (found through ServiceLoader). */
public final class SparkExecutorProvider implements StageExecutorProvider {
    @Override
    public String kind() {
        return "spark";
    }

    @Override
    public StageExecutor create(ExecutorSettings settings, int threadsPerStage, PrintStream log) {
        return new SparkStageExecutor(settings, threadsPerStage, log);
    }
}
