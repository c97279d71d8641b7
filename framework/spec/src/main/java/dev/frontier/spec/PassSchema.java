package dev.frontier.spec;

import dev.frontier.limits.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the sweep's JSON Schema and of the README that come from the pass declarations: the
 * {@code pipeline} property ({@link #pipeline}) and the table of passes ({@link #markdown}). Trees
 * are plain maps and lists in key order, for any JSON writer.
 */
public final class PassSchema {

    private PassSchema() {}

    /** The schema of the {@code pipeline} property: one alternative per registered pass. */
    public static Map<String, Object> pipeline(PassRegistry registry) {
        List<Object> alternatives = new ArrayList<>();
        for (PassType type : registry.all()) {
            alternatives.add(
                    map(
                            "type",
                            "object",
                            "additionalProperties",
                            false,
                            "properties",
                            map(
                                    type.name(),
                                    map(
                                            "description",
                                            type.doc(),
                                            "oneOf",
                                            List.of(map("type", "null"), body(type)))),
                            "required",
                            List.of(type.name())));
        }
        return map(
                "type", List.of("array", "null"),
                "description", "passes applied in order to the baseline",
                "items", map("oneOf", alternatives));
    }

    private static Map<String, Object> body(PassType type) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (ParamDecl<?> p : type.params()) {
            props.put(p.key(), param(p));
        }
        Map<String, Object> body = map("type", "object", "additionalProperties", false);
        body.put("properties", props);
        if (!type.schemaRules().isEmpty()) {
            body.put("allOf", type.schemaRules());
        }
        return body;
    }

    private static Map<String, Object> param(ParamDecl<?> p) {
        Map<String, Object> out = map("description", p.doc());
        switch (p.type()) {
            case STRINGS -> {
                // a list of numbers read as text (bit widths) may also be written as numbers
                Map<String, Object> item =
                        p.allowed().isEmpty()
                                ? map("type", "string")
                                : map("type", List.of("string", "integer"));
                out.put("oneOf", List.of(item, map("type", "array", "items", item)));
            }
            case LAYER_INTS -> {
                out.put("type", "object");
                out.put("additionalProperties", value(p));
            }
            default -> {
                Map<String, Object> one = value(p);
                List<Object> options = new ArrayList<>();
                options.add(one);
                options.add(map("type", "array", "minItems", 1, "uniqueItems", true, "items", one));
                if (p.type() == ParamDecl.Type.DECIMAL) {
                    options.add(map("$ref", "#/definitions/range"));
                }
                out.put("oneOf", options);
            }
        }
        return out;
    }

    /** The schema of one value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> value(ParamDecl<?> p) {
        Map<String, Object> v = new LinkedHashMap<>();
        switch (p.type()) {
            case DECIMAL -> v.put("type", "number");
            case INTEGER, LAYER_INTS -> v.put("type", "integer");
            case BOOLEAN -> v.put("type", "boolean");
            case CHOICE -> v.put("enum", Named.names((Class) p.choices()));
            default -> throw new IllegalStateException(p.type().toString());
        }
        if (!p.allowed().isEmpty()) {
            v.put("enum", p.allowed());
        }
        Interval r = p.range();
        if (r != null) {
            if (r.hasMin()) {
                v.put(r.minClosed() ? "minimum" : "exclusiveMinimum", number(p, r.min()));
            }
            if (r.hasMax()) {
                v.put(r.maxClosed() ? "maximum" : "exclusiveMaximum", number(p, r.max()));
            }
        }
        return v;
    }

    private static Number number(ParamDecl<?> p, double x) {
        return p.type() == ParamDecl.Type.DECIMAL || x != Math.rint(x) ? x : (Number) (long) x;
    }

    /**
     * The README's table of passes: one row per parameter with its type, default, allowed values
     * and whether it can be swept.
     */
    public static String markdown(PassRegistry registry) {
        StringBuilder b = new StringBuilder();
        b.append("| pass | parameter | type | default | allowed | axis | what |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (PassType type : registry.all()) {
            boolean first = true;
            for (ParamDecl<?> p : type.params()) {
                b.append("| ")
                        .append(first ? "`" + type.name() + "`" : "")
                        .append(" | `")
                        .append(p.key())
                        .append("` | ")
                        .append(
                                p.type()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' '))
                        .append(" | ")
                        .append(shown(p.defaultValue()))
                        .append(" | ")
                        .append(allowed(p))
                        .append(" | ")
                        .append(p.sweepable() ? "yes" : "no")
                        .append(" | ")
                        .append(p.doc().replace("|", "\\|"))
                        .append(" |\n");
                first = false;
            }
        }
        return b.toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String allowed(ParamDecl<?> p) {
        if (p.type() == ParamDecl.Type.CHOICE) {
            return String.join(", ", Named.names((Class) p.choices()));
        }
        if (!p.allowed().isEmpty()) {
            return p.allowed().stream()
                    .map(String::valueOf)
                    .reduce((a, c) -> a + ", " + c)
                    .orElse("");
        }
        if (p.range() != null) {
            return p.range().describe().replace("|", "\\|");
        }
        return p.type() == ParamDecl.Type.BOOLEAN ? "true, false" : "layer names";
    }

    private static String shown(Object value) {
        if (value instanceof List<?> l && l.isEmpty()) {
            return "none";
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return "none";
        }
        return Values.show(value);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
