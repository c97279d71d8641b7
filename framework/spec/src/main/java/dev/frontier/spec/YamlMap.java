package dev.frontier.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One YAML mapping being read: typed getters that report wrong types at the value's position and
 * fall back to defaults, and {@link #finish()} that reports every key nobody asked for, with "did
 * you mean".
 */
final class YamlMap {

    private final Node node;
    private final String path;
    private final YamlSource source;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> removed = new LinkedHashSet<>();

    YamlMap(Node node, String path, YamlSource source) {
        this(node, path, source, true);
    }

    /**
     * A mapping at {@code node}; with {@code read} false, an empty stand-in for a missing section
     * placed at node.
     */
    private YamlMap(Node node, String path, YamlSource source, boolean read) {
        this.node = node;
        this.path = path;
        this.source = source;
        if (read && node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    source.report(
                            tuple.getKeyNode(), path, "found a complex key, expected a plain key");
                    continue;
                }
                if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                    source.report(
                            key,
                            Paths.join(path, key.getValue()),
                            "found key '" + key.getValue() + "' twice, expected each key once");
                }
            }
        }
    }

    /** An empty mapping (for a missing or null section) at {@code node}'s position. */
    static YamlMap of(Node node, String path, YamlSource source) {
        if (node instanceof MappingNode || YamlSource.isNull(node)) {
            return new YamlMap(node, path, source);
        }
        source.report(
                node,
                path,
                "found " + YamlSource.describe(node) + ", expected a mapping of keys to values");
        return new YamlMap(node, path, source);
    }

    String path() {
        return path;
    }

    Node node() {
        return node;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** The value node of {@code key}, marking the key as known. */
    Optional<Node> get(String key) {
        known.add(key);
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    String child(String key) {
        return Paths.join(path, key);
    }

    YamlMap map(String key) {
        Optional<Node> value = get(key);
        return value.map(v -> of(v, child(key), source))
                .orElseGet(() -> new YamlMap(node, child(key), source, false));
    }

    boolean has(String key) {
        known.add(key);
        return entries.containsKey(key);
    }

    <T> T scalar(String key, T fallback, BiFunction<Node, String, Optional<T>> convert) {
        return get(key).flatMap(v -> convert.apply(v, child(key))).orElse(fallback);
    }

    String string(String key, String fallback) {
        return scalar(key, fallback, source::string);
    }

    double decimal(String key, double fallback) {
        return scalar(key, fallback, source::decimal);
    }

    int integer(String key, int fallback) {
        return scalar(key, fallback, source::integer);
    }

    long longInteger(String key, long fallback) {
        return scalar(key, fallback, source::longInteger);
    }

    /** An integer or {@code auto} (read as 0). */
    int countOrAuto(String key, int fallback) {
        return scalar(
                key,
                fallback,
                (n, p) ->
                        n instanceof ScalarNode s && s.getValue().equals("auto")
                                ? Optional.of(0)
                                : source.integer(n, p));
    }

    <E extends Enum<E> & Named> E choice(String key, Class<E> type, E fallback) {
        return scalar(key, fallback, (n, p) -> source.choice(n, p, type));
    }

    /** A list of strings ({@code [a, b]}); a single string is a one-element list. */
    List<String> strings(String key, List<String> fallback) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get() instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                source.string(seq.getValue().get(i), Paths.index(child(key), i))
                        .ifPresent(out::add);
            }
            return out;
        }
        return source.string(value.get(), child(key)).map(List::of).orElse(fallback);
    }

    /**
     * A parameter: a scalar (fixed), a list (axis) or, if {@code ranges}, a linear/log/random range
     * (axis).
     */
    <T> Param<T> param(
            String key, Param<T> fallback, BiFunction<Node, String, Optional<T>> convert) {
        Optional<Node> value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        Node v = value.get();
        String p = child(key);
        if (v instanceof SequenceNode seq) {
            List<T> items = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < seq.getValue().size(); i++) {
                Optional<T> item = convert.apply(seq.getValue().get(i), Paths.index(p, i));
                ok &= item.isPresent();
                item.ifPresent(items::add);
            }
            Param<T> choice = ok ? source.gather().attempt(p, () -> Param.oneOf(items)) : null;
            return choice == null ? fallback : choice;
        }
        if (v instanceof MappingNode) {
            source.report(
                    v,
                    p,
                    "found a range, expected a single value or a list (ranges apply to decimal parameters only)");
            return fallback;
        }
        return convert.apply(v, p).map(Param::of).orElse(fallback);
    }

    /**
     * A decimal parameter, which may also be a range such as {@code {linear: [0.5, 0.9], count:
     * 5}}.
     */
    Param<Double> decimalParam(String key, Param<Double> fallback) {
        Optional<Node> value = get(key);
        if (value.isPresent() && value.get() instanceof MappingNode) {
            Param<Double> range = range(new YamlMap(value.get(), child(key), source));
            return range == null ? fallback : range;
        }
        return param(key, fallback, source::decimal);
    }

    private Param<Double> range(YamlMap m) {
        List<Param.Range.Spacing> present = new ArrayList<>();
        for (Param.Range.Spacing spacing : Param.Range.Spacing.values()) {
            if (m.has(spacing.yamlName())) {
                present.add(spacing);
            }
        }
        int count = m.has("count") ? m.integer("count", 1) : -1;
        long seed = m.longInteger("seed", 0);
        m.finish();
        if (present.size() != 1) {
            source.report(
                    m.node(),
                    m.path(),
                    "found "
                            + (present.isEmpty() ? "no" : "more than one")
                            + " range kind,"
                            + " expected exactly one of {linear: [a, b], count: n}, {log: [a, b], count: n},"
                            + " {random: [a, b], count: n, seed: s}");
            return null;
        }
        if (count == -1) {
            m.missing("count", "how many values the range yields (>= 1)");
            return null;
        }
        Param.Range.Spacing spacing = present.get(0);
        Node bounds = m.get(spacing.yamlName()).orElseThrow();
        String boundsPath = m.child(spacing.yamlName());
        if (!(bounds instanceof SequenceNode seq) || seq.getValue().size() != 2) {
            source.report(
                    bounds,
                    boundsPath,
                    "found "
                            + YamlSource.describe(bounds)
                            + (bounds instanceof SequenceNode seq2
                                    ? " of " + seq2.getValue().size() + " values"
                                    : "")
                            + ", expected two bounds [from, to]");
            return null;
        }
        Optional<Double> from = source.decimal(seq.getValue().get(0), Paths.index(boundsPath, 0));
        Optional<Double> to = source.decimal(seq.getValue().get(1), Paths.index(boundsPath, 1));
        if (from.isEmpty() || to.isEmpty()) {
            return null;
        }
        return source.gather()
                .attempt(
                        m.path(),
                        () -> new Param.Range(spacing, from.get(), to.get(), count, seed));
    }

    <E extends Enum<E> & Named> Param<E> choiceParam(String key, Class<E> type, Param<E> fallback) {
        return param(key, fallback, (n, p) -> source.choice(n, p, type));
    }

    Param<Integer> integerParam(String key, Param<Integer> fallback) {
        return param(key, fallback, source::integer);
    }

    Param<Boolean> boolParam(String key, Param<Boolean> fallback) {
        return param(key, fallback, source::bool);
    }

    /** Reports a missing required key at this mapping's position. */
    void missing(String key, String expected) {
        source.report(node, child(key), "missing key '" + key + "', expected " + expected);
    }

    /**
     * Reports {@code key}, which the DSL no longer has, at the key's position with {@code
     * expected}; {@link #finish()} neither reports it again nor offers it for other unknown keys.
     */
    void removedKey(String key, String expected) {
        removed.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple != null) {
            source.report(
                    tuple.getKeyNode(),
                    child(key),
                    "found key '" + key + "', expected " + expected);
        }
    }

    /** Reports every key that no getter asked for. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey()) && !removed.contains(e.getKey())) {
                source.report(
                        e.getValue().getKeyNode(),
                        child(e.getKey()),
                        "found unknown key '"
                                + e.getKey()
                                + "'"
                                + Suggestions.didYouMean(e.getKey(), known)
                                + ", expected one of: "
                                + String.join(", ", known));
            }
        }
    }

    static boolean isTag(Node node, Tag tag) {
        return node.getTag().equals(tag);
    }
}
