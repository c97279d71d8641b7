package dev.frontier.spark;

import dev.frontier.exec.worker.WorkerProcesses;
import dev.frontier.exec.worker.WorkerSlot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The Frontier worker processes a Spark executor keeps: its tasks do not train in the executor JVM
 * but hand their stage to a {@link WorkerSlot} (a {@code StageWorker} child process, recycled after
 * {@code spark.frontier.stagesPerWorker} stages like the local pool's), so DJL's natives and the
 * optimizer state it never frees live in a process with a bounded lifetime, never in the executor.
 * An executor running several tasks at once (more cores than {@code spark.task.cpus}) gets one slot
 * per concurrent task, each its own JVM: DJL allows one open GradientCollector per JVM.
 *
 * <p>This is the one piece of per-JVM state in Frontier, and it has to be: Spark gives a task no
 * other place that outlives it on an executor. Slots are idle or lent out, never shared; a slot
 * whose task did not end normally is killed, not given back. The workers watch the executor's pid
 * and end themselves when it is gone.
 */
final class ExecutorWorkers {
    /** Idle slots of this executor JVM by what they were made for. */
    private static final Map<Settings, Deque<WorkerSlot>> IDLE = new HashMap<>();

    private static final WorkerProcesses LIVE = new WorkerProcesses();

    private ExecutorWorkers() {}

    /** What a slot serves: one run folder, threads per stage, stages per worker. */
    record Settings(Path runDir, int threads, int stagesPerWorker) {}

    /** An idle slot for {@code settings}, or a new one (its worker starts on first use). */
    static WorkerSlot borrow(Settings settings) {
        synchronized (IDLE) {
            Deque<WorkerSlot> idle = IDLE.get(settings);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        return new WorkerSlot(
                settings.runDir(),
                settings.threads(),
                settings.stagesPerWorker(),
                Duration.ZERO,
                // the worker's log joins the executor's standard error (the Spark worker's
                // work/<app>/<executor>/stderr)
                ProcessBuilder.Redirect.INHERIT,
                LIVE);
    }

    /** Gives back a slot whose last stage ended normally, for the executor's next task. */
    static void giveBack(Settings settings, WorkerSlot slot) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(settings, k -> new ArrayDeque<>()).push(slot);
        }
    }
}
