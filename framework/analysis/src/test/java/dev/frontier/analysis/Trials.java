package dev.frontier.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper building outcomes from metric name/value pairs. */
public final class Trials {

    private Trials() {}

    /** An OK trial with the given technique and metrics given as name, value, name, value... */
    public static TrialOutcome ok(String id, String technique, Object... metricPairs) {
        var metrics = new LinkedHashMap<String, Double>();
        for (int i = 0; i < metricPairs.length; i += 2) {
            metrics.put((String) metricPairs[i], ((Number) metricPairs[i + 1]).doubleValue());
        }
        return TrialOutcome.ok(id, "trial " + id, technique, Map.of(), metrics);
    }
}
