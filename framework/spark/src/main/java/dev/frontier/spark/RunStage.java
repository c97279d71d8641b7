package dev.frontier.spark;

import dev.frontier.exec.worker.StageSession;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;

/**
 * The body of a Spark task: runs one stage by key on the executor through the same code a local
 * worker process runs ({@link StageSession}), against the shared run folder, and answers a typed
 * {@link StageResult}. A stage's own failure is an answer, not an exception (Spark would retry it);
 * only a lost executor makes Spark run the task again.
 */
final class RunStage implements Function<String, StageResult> {
    private static final long serialVersionUID = 1L;

    private final String runDir;
    private final int threads;

    RunStage(Path runDir, int threads) {
        this.runDir = runDir.toString();
        this.threads = threads;
    }

    @Override
    public StageResult call(String key) {
        long t0 = System.nanoTime();
        String host = host();
        try {
            StageSession session =
                    StageSession.open(Path.of(runDir), threads, () -> true, System.err);
            // the executor's log (stderr in the Spark worker's folder) says what it is doing
            System.err.println("frontier: running stage " + key);
            boolean ran = session.run(key);
            System.err.println(
                    "frontier: stage " + key + (ran ? " committed" : " was in the store"));
            return StageResult.done(key, ran, host, (System.nanoTime() - t0) / 1e9);
        } catch (Exception | OutOfMemoryError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return StageResult.failed(key, m, host, (System.nanoTime() - t0) / 1e9);
        }
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
