package dev.frontier.spark;

import java.io.Serializable;

/**
 * What a Spark task tells the driver about its stage: done (ran here, or found already in the
 * store) or failed with a reason; where it ran, in which worker process, and how long it took.
 *
 * @param stageKey the stage's content-addressed key
 * @param ok true when the stage is in the store
 * @param reason why it failed (empty when ok)
 * @param ranHere true when this task trained it (false: another attempt committed it first)
 * @param host the executor's host and id
 * @param seconds the task's wall time
 * @param workerPid the Frontier worker process that trained it on the executor (-1: none)
 * @param workerStage which stage of that worker process it was (1 = its first; 0: none)
 */
public record StageResult(
        String stageKey,
        boolean ok,
        String reason,
        boolean ranHere,
        String host,
        double seconds,
        long workerPid,
        int workerStage)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    static StageResult done(String key, String host, double seconds, long pid, int nth) {
        return new StageResult(key, true, "", true, host, seconds, pid, nth);
    }

    static StageResult inStore(String key, String host, double seconds) {
        return new StageResult(key, true, "", false, host, seconds, -1, 0);
    }

    static StageResult failed(String key, String reason, String host, double seconds) {
        return new StageResult(key, false, reason, false, host, seconds, -1, 0);
    }
}
