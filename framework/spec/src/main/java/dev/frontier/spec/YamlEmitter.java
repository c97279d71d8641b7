package dev.frontier.spec;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Emits a tree of maps, lists and scalars as block YAML. Lists of scalars and {@link Flow} maps are
 * written inline; strings are quoted whenever a plain scalar could be misread.
 */
final class YamlEmitter {

    /** A map written inline: {@code {linear: [0.5, 0.9], count: 5}}. */
    record Flow(Map<String, Object> map) {}

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./+-]*");
    private static final Pattern RESERVED =
            Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~|\\.inf|\\.nan");

    private final StringBuilder out = new StringBuilder();

    static String emit(Map<String, Object> document) {
        YamlEmitter e = new YamlEmitter();
        e.map(document, 0);
        return e.out.toString();
    }

    private void map(Map<String, Object> map, int indent) {
        boolean first = true;
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (!first || indent >= 0) {
                out.append(" ".repeat(Math.max(indent, 0)));
            }
            first = false;
            int level = Math.abs(indent);
            entry(entry.getKey(), entry.getValue(), level);
            indent = level;
        }
    }

    private void entry(String key, Object value, int indent) {
        out.append(scalar(key)).append(':');
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            @SuppressWarnings("unchecked")
            Map<String, Object> child = (Map<String, Object>) m;
            map(child, indent + 2);
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent + 2)).append("- ");
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) item;
                map(child, -(indent + 4));
            }
        } else if (value instanceof List<?> list
                && !list.isEmpty()
                && list.get(0) instanceof Flow) {
            out.append('\n');
            for (Object item : list) {
                out.append(" ".repeat(indent + 2)).append("- ").append(inline(item)).append('\n');
            }
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static String inline(Object value) {
        if (value instanceof Flow flow) {
            return inline(flow.map());
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream()
                    .map(e -> scalar(String.valueOf(e.getKey())) + ": " + inline(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(YamlEmitter::inline)
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return scalar(value);
    }

    static String scalar(Object value) {
        if (value instanceof String s) {
            return PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches() ? s : quote(s);
        }
        if (value instanceof Named named) {
            return scalar(named.yamlName());
        }
        if (value instanceof Double d) {
            return Values.decimal(d);
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
