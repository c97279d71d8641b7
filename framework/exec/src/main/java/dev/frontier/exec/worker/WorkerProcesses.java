package dev.frontier.exec.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker processes a sweep has running, so that an interrupt stops them (each with its whole
 * process tree) before the sweep says "interrupted". Workers also watch their parent ({@link
 * StageWorker}), so they end by themselves when the sweep's process is killed without a chance to
 * clean up.
 */
public final class WorkerProcesses {
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    void add(Process p) {
        live.add(p);
    }

    void remove(Process p) {
        live.remove(p);
    }

    /** Kills every live worker and its descendants; waits up to {@code seconds} for them to end. */
    public void killAll(long seconds) {
        for (Process p : live) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Process p : live) {
            try {
                p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
