package dev.frontier.tracking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Params, metric points and tags to log to one run in one call. Stores split it to fit their own
 * limits (MLflow's log-batch takes at most 100 params, 100 tags, 1000 metrics and 1 MB per
 * request).
 *
 * @param params param names to values, in order; a param, once logged, cannot change its value
 * @param metrics metric points, in order
 * @param tags tag names to values, in order; a later value replaces an earlier one
 */
public record RunBatch(
        Map<String, String> params, List<MetricPoint> metrics, Map<String, String> tags) {

    /** An empty batch. */
    public static final RunBatch EMPTY = new RunBatch(Map.of(), List.of(), Map.of());

    /** Checks names and value lengths and freezes the collections in their order. */
    public RunBatch {
        params = checked(params, "param", MlflowNames.MAX_PARAM_VALUE_LENGTH);
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
        tags = checked(tags, "tag", MlflowNames.MAX_TAG_VALUE_LENGTH);
    }

    /**
     * Returns a batch of all three kinds.
     *
     * @param params params in order
     * @param metrics metric points
     * @param tags tags in order
     * @return the batch
     */
    public static RunBatch of(
            Map<String, String> params, List<MetricPoint> metrics, Map<String, String> tags) {
        return new RunBatch(params, metrics, tags);
    }

    /**
     * Returns a batch of params only.
     *
     * @param params params in order
     * @return the batch
     */
    public static RunBatch ofParams(Map<String, String> params) {
        return new RunBatch(params, List.of(), Map.of());
    }

    /**
     * Returns a batch of metric points only.
     *
     * @param metrics the points
     * @return the batch
     */
    public static RunBatch ofMetrics(List<MetricPoint> metrics) {
        return new RunBatch(Map.of(), metrics, Map.of());
    }

    /**
     * Returns a batch of tags only.
     *
     * @param tags tags in order
     * @return the batch
     */
    public static RunBatch ofTags(Map<String, String> tags) {
        return new RunBatch(Map.of(), List.of(), tags);
    }

    /**
     * Returns this batch followed by {@code other}; other's tags win on equal names.
     *
     * @param other the batch to append
     * @return the combined batch
     */
    public RunBatch plus(RunBatch other) {
        var p = new LinkedHashMap<>(params);
        p.putAll(other.params);
        var m = new ArrayList<>(metrics);
        m.addAll(other.metrics);
        var t = new LinkedHashMap<>(tags);
        t.putAll(other.tags);
        return new RunBatch(p, m, t);
    }

    /**
     * Returns true if there is nothing to log.
     *
     * @return whether all three parts are empty
     */
    public boolean isEmpty() {
        return params.isEmpty() && metrics.isEmpty() && tags.isEmpty();
    }

    private static Map<String, String> checked(
            Map<String, String> map, String role, int maxValueLength) {
        Objects.requireNonNull(map, role + "s");
        var copy = new LinkedHashMap<String, String>();
        map.forEach(
                (key, value) -> {
                    MlflowNames.requireValidKey(key, role);
                    if (value == null) {
                        throw new IllegalArgumentException(
                                role + " '" + key + "' has a null value");
                    }
                    if (value.length() > maxValueLength) {
                        throw new IllegalArgumentException(
                                role
                                        + " '"
                                        + key
                                        + "' has a value of "
                                        + value.length()
                                        + " characters; MLflow allows at most "
                                        + maxValueLength);
                    }
                    copy.put(key, value);
                });
        return Collections.unmodifiableMap(copy);
    }
}
