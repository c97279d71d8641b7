package dev.frontier.exec.cluster;

import java.io.PrintStream;

/**
 * Makes {@link StageExecutor}s of one kind; found through {@link java.util.ServiceLoader}, so an
 * engine's module (frontier-spark) adds its executor just by being on the class path.
 */
public interface StageExecutorProvider {
    /** The {@code executor.kind} this provider serves, e.g. {@code spark}. */
    String kind();

    /**
     * An executor for {@code settings} whose stages use {@code threadsPerStage} cores each, logging
     * to {@code log}.
     */
    StageExecutor create(ExecutorSettings settings, int threadsPerStage, PrintStream log);
}
