package dev.frontier.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work in the plan's tree, shared by every trial whose path passes through it.
 *
 * <p>The key is a content hash of the kind, the stage's own effective parameters and its parent's
 * key, so equal work gets equal keys across sweeps (a cache key for the executor). The parent must
 * finish first; its model is this stage's input (for {@link StageKind#DISTILL} the parent is the
 * teacher, and the student starts as {@code init} says).
 *
 * @param kind what the stage does
 * @param key 12 hex digits of SHA-256 over kind, params and parent key
 * @param parentKey the parent's key, empty for the root
 * @param repeat the repeat index (0-based) this stage belongs to
 * @param passIndex the index of the pipeline pass this stage runs, -1 for other stages
 * @param params the stage's own effective parameters, in canonical order (for a pass, its {@link
 *     dev.frontier.spec.Pass#identityParams()}: implicit defaults left out)
 * @param seed the stage's seed, derived from the experiment seed and the key
 * @param estimatedSeconds rough cost from {@link CostModel}
 * @param label a one-line summary for rendering
 * @param trialIds the trials whose path passes through this stage
 */
public record Stage(
        StageKind kind,
        String key,
        Optional<String> parentKey,
        int repeat,
        int passIndex,
        Map<String, Object> params,
        long seed,
        double estimatedSeconds,
        String label,
        List<String> trialIds) {

    /** Copies the collections. */
    public Stage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parentKey, "parentKey");
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        trialIds = List.copyOf(trialIds);
    }
}
