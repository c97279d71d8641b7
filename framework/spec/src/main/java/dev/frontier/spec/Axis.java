package dev.frontier.spec;

import java.util.List;

/**
 * One sweep axis of a {@link Sweep}: its name (used by {@code exclude} rules), where it was
 * declared and its values.
 *
 * <p>Names are {@code kind.param} (e.g. {@code prune.ratio}); when a pass kind occurs more than
 * once, later occurrences are numbered from 2 ({@code finetune2.epochs}). The runtime axis is
 * called {@code runtime}.
 *
 * @param name the axis name
 * @param path the key path of the parameter, e.g. {@code pipeline[1].prune.ratio}
 * @param passIndex the index of the pass in the pipeline, -1 for the runtime axis
 * @param param the parameter's key in its pass ({@code ratio}), or {@code runtime}
 * @param values the values swept, in order
 */
public record Axis(String name, String path, int passIndex, String param, List<?> values) {

    /** Copies the values. */
    public Axis {
        values = List.copyOf(values);
    }

    /**
     * The axes' value combinations in sweep order: the grid (first axis outermost) or, with {@link
     * Combine#ZIP}, the k-th values of every axis together (as many as the shortest axis has).
     */
    public static java.util.List<java.util.Map<String, Object>> combinations(
            java.util.List<Axis> axes, Combine combine) {
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
        if (combine == Combine.ZIP) {
            int n = axes.stream().mapToInt(a -> a.values().size()).min().orElse(1);
            for (int k = 0; k < n; k++) {
                java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
                for (Axis axis : axes) {
                    c.put(axis.name(), axis.values().get(k));
                }
                out.add(c);
            }
            return out;
        }
        out.add(new java.util.LinkedHashMap<>());
        for (Axis axis : axes) {
            java.util.List<java.util.Map<String, Object>> next = new java.util.ArrayList<>();
            for (java.util.Map<String, Object> partial : out) {
                for (Object value : axis.values()) {
                    java.util.Map<String, Object> c = new java.util.LinkedHashMap<>(partial);
                    c.put(axis.name(), value);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }
}
