package dev.frontier.spark;

import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.worker.WorkerSlot;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;

/**
 * The body of a Spark task: hands one stage by key to a Frontier worker process the executor keeps
 * ({@link ExecutorWorkers}: the local workers' code and their recycling), which runs it against the
 * shared run folder, and answers a typed {@link StageResult}. The executor JVM itself never trains,
 * so DJL's leftovers stay in processes with a bounded lifetime. A stage's own failure is an answer,
 * not an exception (Spark would retry it); only a lost executor makes Spark run the task again.
 */
final class RunStage implements Function<String, StageResult> {
    private static final long serialVersionUID = 1L;

    private final String runDir;
    private final int threads;
    private final int stagesPerWorker;

    RunStage(Path runDir, int threads, int stagesPerWorker) {
        this.runDir = runDir.toString();
        this.threads = threads;
        this.stagesPerWorker = stagesPerWorker;
    }

    @Override
    public StageResult call(String key) throws InterruptedException {
        long t0 = System.nanoTime();
        String host = host();
        Path run = Path.of(runDir);
        if (StageStore.worker(run, () -> false).has(key)) { // an earlier attempt committed it
            System.err.println("frontier: stage " + key + " was in the store");
            return StageResult.inStore(key, host, (System.nanoTime() - t0) / 1e9);
        }
        // the executor's log (stderr in the Spark worker's folder) says what it is doing
        System.err.println("frontier: running stage " + key);
        ExecutorWorkers.Settings settings =
                new ExecutorWorkers.Settings(run, threads, stagesPerWorker);
        WorkerSlot slot = ExecutorWorkers.borrow(settings);
        WorkerSlot.Answer answer;
        try {
            answer = slot.run(key);
        } catch (Exception | Error e) { // the task was cancelled or broke mid-stage
            slot.kill();
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return StageResult.failed(key, m, host, (System.nanoTime() - t0) / 1e9);
        }
        ExecutorWorkers.giveBack(settings, slot);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (answer instanceof WorkerSlot.Done d) {
            System.err.printf(
                    "frontier: stage %s committed (worker process %d, its stage %d of %d, %.0f MB)%n",
                    key, d.pid(), d.nth(), stagesPerWorker, d.rssMb());
            return StageResult.done(key, host, seconds, d.pid(), d.nth());
        }
        String reason;
        if (answer instanceof WorkerSlot.Failed f) {
            reason = f.reason();
        } else if (answer instanceof WorkerSlot.NotStarted n) {
            reason = "the worker process did not start (" + n.what() + "); see the executor's log";
        } else if (answer instanceof WorkerSlot.Died died) {
            reason = "the worker process died (exit " + died.exit() + ")";
        } else {
            reason = "the worker process timed out";
        }
        System.err.println("frontier: stage " + key + " failed: " + reason);
        return StageResult.failed(key, reason, host, seconds);
    }

    private static String host() {
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            name = "unknown";
        }
        SparkEnv env = SparkEnv.get();
        return env == null ? name : name + "/executor-" + env.executorId();
    }
}
