package dev.frontier.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule that drops trial combinations: a combination matching every entry is excluded. In YAML:
 * {@code - {quantize.bits: 32, quantize.granularity: per-channel}}; a list value matches any of its
 * items.
 *
 * @param when axis name to the values that match; values have the axis's type once inside a {@link
 *     Sweep}
 */
public record Exclusion(Map<String, List<Object>> when) {

    /** Copies the map, keeping its order; checks it is not empty. */
    public Exclusion {
        var copy = new LinkedHashMap<String, List<Object>>();
        when.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        when = java.util.Collections.unmodifiableMap(copy);
        new Checks()
                .require(!when.isEmpty(), "", "found an empty rule, expected axis: value entries")
                .done();
    }

    /**
     * A rule from {@code axis, value, axis, value, …}; a value that is a List matches any of its
     * items.
     */
    public static Exclusion of(Object... axisValuePairs) {
        if (axisValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("expected axis/value pairs");
        }
        var when = new LinkedHashMap<String, List<Object>>();
        for (int i = 0; i < axisValuePairs.length; i += 2) {
            Object v = axisValuePairs[i + 1];
            @SuppressWarnings("unchecked")
            List<Object> values = v instanceof List<?> list ? (List<Object>) list : List.of(v);
            when.put((String) axisValuePairs[i], values);
        }
        return new Exclusion(when);
    }

    /** Whether a combination (axis name to chosen value) matches this rule. */
    public boolean matches(Map<String, ?> combination) {
        return when.entrySet().stream()
                .allMatch(e -> e.getValue().contains(combination.get(e.getKey())));
    }
}
