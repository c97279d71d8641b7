package dev.frontier.exec.cluster;

import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.worker.WorkerPool;
import dev.frontier.plan.Plan;
import java.io.IOException;
import java.util.Set;

/**
 * Runs the missing training stages of a plan somewhere other than the sweep's own process (a
 * cluster), against a run folder every node reads and writes. Measurement is not its business: the
 * sweep measures afterwards, on its own machine, one trial at a time.
 */
public interface StageExecutor {
    /**
     * Runs every stage of {@code plan} in {@code needed} that {@code store} cannot reuse, parents
     * before children; returns the stages that failed (key to reason) and those it finished.
     */
    WorkerPool.Outcome run(Plan plan, StageStore store, Set<String> needed)
            throws IOException, InterruptedException;

    /** One line for the log: where the stages run. */
    String describe();
}
