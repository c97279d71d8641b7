package dev.frontier.spark;

import java.io.Serializable;

/**
 * What a Spark task tells the driver about its stage: done (ran here, or found already in the
 * store) or failed with a reason; where it ran and how long it took.
 *
 * @param stageKey the stage's content-addressed key
 * @param ok true when the stage is in the store
 * @param reason why it failed (empty when ok)
 * @param ranHere true when this task trained it (false: another attempt committed it first)
 * @param host the executor's host and id
 * @param seconds the task's wall time
 */
public record StageResult(
        String stageKey, boolean ok, String reason, boolean ranHere, String host, double seconds)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static StageResult done(String key, boolean ranHere, String host, double seconds) {
        return new StageResult(key, true, "", ranHere, host, seconds);
    }

    static StageResult failed(String key, String reason, String host, double seconds) {
        return new StageResult(key, false, reason, false, host, seconds);
    }
}
