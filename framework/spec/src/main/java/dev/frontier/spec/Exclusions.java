package dev.frontier.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts exclusion rule values to their axes' types and checks that every name and value exists.
 */
final class Exclusions {

    private Exclusions() {}

    static List<Exclusion> normalize(List<Exclusion> rules, List<Axis> axes, Checks checks) {
        Map<String, Axis> byName = new LinkedHashMap<>();
        axes.forEach(a -> byName.put(a.name(), a));
        List<Exclusion> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String rulePath = Paths.index("exclude", i);
            var when = new LinkedHashMap<String, List<Object>>();
            for (Map.Entry<String, List<Object>> e : rules.get(i).when().entrySet()) {
                String path = Paths.join(rulePath, e.getKey());
                Axis axis = byName.get(e.getKey());
                if (axis == null) {
                    checks.require(
                            false,
                            path,
                            "found '"
                                    + e.getKey()
                                    + "', expected the name of a sweep axis: "
                                    + (byName.isEmpty()
                                            ? "this sweep has none"
                                            : String.join(", ", byName.keySet()))
                                    + Suggestions.didYouMean(e.getKey(), byName.keySet()));
                    continue;
                }
                List<Object> values = new ArrayList<>();
                for (Object raw : e.getValue()) {
                    Optional<?> match =
                            axis.values().stream().filter(v -> same(v, raw)).findFirst();
                    checks.require(
                            match.isPresent(),
                            path,
                            "found "
                                    + Values.show(raw)
                                    + ", expected one of the axis values "
                                    + Values.show(axis.values()));
                    match.ifPresent(values::add);
                }
                when.put(e.getKey(), values);
            }
            if (!when.isEmpty()) {
                out.add(new Exclusion(when));
            }
        }
        return out;
    }

    private static boolean same(Object axisValue, Object raw) {
        if (axisValue.equals(raw)) {
            return true;
        }
        if (axisValue instanceof Named named && raw instanceof String s) {
            return named.yamlName().equals(s);
        }
        if (axisValue instanceof Double d && raw instanceof Number n) {
            return d == n.doubleValue();
        }
        if (axisValue instanceof Integer k && raw instanceof Number n) {
            return k == n.doubleValue();
        }
        return false;
    }
}
