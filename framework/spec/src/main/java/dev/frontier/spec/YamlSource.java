package dev.frontier.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A composed YAML document with the position of every key path, the scalar conversions the reader
 * needs, and the {@link Gather} that collects its problems.
 */
final class YamlSource {

    private final String file;
    private final Map<String, Location> positions = new HashMap<>();
    private final Gather gather = new Gather(this::locate);

    YamlSource(String file, Node root) {
        this.file = file;
        index(root, "");
    }

    Gather gather() {
        return gather;
    }

    private void index(Node node, String path) {
        positions.putIfAbsent(path, location(node));
        if (node instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key) {
                    index(t.getValueNode(), Paths.join(path, key.getValue()));
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                index(seq.getValue().get(i), Paths.index(path, i));
            }
        }
    }

    Location location(Node node) {
        return node.getStartMark().map(this::location).orElse(new Location(file, 0, 0));
    }

    Location location(Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * Gives a problem from a record constructor the position of its path, or of the nearest
     * enclosing path.
     */
    private Problem locate(Problem problem) {
        if (problem.location().isKnown()) {
            return problem;
        }
        String path = problem.path();
        while (!positions.containsKey(path) && !path.isEmpty()) {
            path = Paths.parent(path);
        }
        return problem.locatedAt(positions.getOrDefault(path, new Location(file, 1, 1)));
    }

    void report(Node node, String path, String message) {
        gather.add(new Problem(location(node), path, message));
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** How a node looks to a user: its text for scalars, "a list" or "a mapping" otherwise. */
    static String describe(Node node) {
        if (node instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return "nothing";
            }
            return s.getTag().equals(Tag.STR) ? "'" + s.getValue() + "'" : s.getValue();
        }
        return node instanceof SequenceNode ? "a list" : "a mapping";
    }

    private <T> Optional<T> fail(Node node, String path, String expected) {
        report(node, path, "found " + describe(node) + ", expected " + expected);
        return Optional.empty();
    }

    Optional<String> string(Node node, String path) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(s.getValue());
        }
        return fail(node, path, "a text value");
    }

    Optional<Double> decimal(Node node, String path) {
        if (node instanceof ScalarNode s
                && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double v = Double.parseDouble(s.getValue());
                if (Double.isFinite(v)) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // falls through to the report below
            }
        }
        return fail(node, path, "a number");
    }

    Optional<Long> longInteger(Node node, String path) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                return Optional.of(
                        Long.parseLong(
                                s.getValue().startsWith("+")
                                        ? s.getValue().substring(1)
                                        : s.getValue()));
            } catch (NumberFormatException e) {
                // falls through to the report below
            }
        }
        return fail(node, path, "an integer");
    }

    Optional<Integer> integer(Node node, String path) {
        Optional<Long> v = longInteger(node, path);
        if (v.isPresent() && (v.get() > Integer.MAX_VALUE || v.get() < Integer.MIN_VALUE)) {
            return fail(node, path, "an integer below 2^31");
        }
        return v.map(Long::intValue);
    }

    Optional<Boolean> bool(Node node, String path) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(s.getValue().toLowerCase()));
        }
        return fail(node, path, "true or false");
    }

    <E extends Enum<E> & Named> Optional<E> choice(Node node, String path, Class<E> type) {
        List<String> names = Named.names(type);
        if (node instanceof ScalarNode s) {
            Optional<E> found = Named.parse(type, s.getValue());
            if (found.isPresent()) {
                return found;
            }
            return fail(
                    node,
                    path,
                    "one of "
                            + String.join(", ", names)
                            + Suggestions.didYouMean(s.getValue(), names));
        }
        return fail(node, path, "one of " + String.join(", ", names));
    }

    /**
     * A scalar as the closest Java value (Integer, Long, Double, Boolean or String), for exclusion
     * rules.
     */
    Optional<Object> raw(Node node, String path) {
        if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
            return fail(node, path, "a value");
        }
        if (s.getTag().equals(Tag.INT)) {
            return longInteger(node, path)
                    .map(v -> v == v.intValue() ? (Object) v.intValue() : (Object) v);
        }
        if (s.getTag().equals(Tag.FLOAT)) {
            return decimal(node, path).map(v -> (Object) v);
        }
        if (s.getTag().equals(Tag.BOOL)) {
            return bool(node, path).map(v -> (Object) v);
        }
        return Optional.of(s.getValue());
    }

    /** A scalar or a list of scalars, as a list of raw values. */
    List<Object> rawList(Node node, String path) {
        List<Object> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                raw(seq.getValue().get(i), Paths.index(path, i)).ifPresent(out::add);
            }
        } else {
            raw(node, path).ifPresent(out::add);
        }
        return out;
    }
}
