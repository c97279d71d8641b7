package dev.frontier.spec;

import dev.frontier.limits.Interval;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter a {@link PassType} declares: its YAML key, type, default, allowed values and
 * whether it may be a sweep axis. Validation, YAML reading, the Java builder, the canonical YAML,
 * the JSON Schema and the README's pass table all come from these declarations.
 *
 * @param key YAML key (and builder name)
 * @param type the value's type
 * @param choices for {@link Type#CHOICE}, the enum class (each constant {@link Named}); else null
 * @param defaultValue the value when the key is absent
 * @param range for numbers, the allowed interval; null when {@code allowed} lists the values
 * @param allowed for integers with a fixed set of values (bit widths), that set; for a {@link
 *     Type#STRINGS} list of numbers, the numbers its rules accept (for the schema and the README);
 *     else empty
 * @param expected completes "found x, expected …" for a bad value (e.g. "a fraction in [0, 1)")
 * @param sweepable whether a list or range makes it a sweep axis ({@link Type#STRINGS} and {@link
 *     Type#LAYER_INTS} settings never are)
 * @param implicit whether the parameter came after specs were first hashed: at its default it is
 *     left out of the canonical YAML and of trial ids (see {@link Pass#implicitDefaults()})
 * @param doc one line for the schema and the README's pass table
 */
public record ParamDecl<T>(
        String key,
        Type type,
        Class<? extends Enum<?>> choices,
        T defaultValue,
        Interval range,
        List<Integer> allowed,
        String expected,
        boolean sweepable,
        boolean implicit,
        String doc) {

    /** Value types of pass parameters. */
    public enum Type {
        /** A decimal number; as an axis, a list or a linear/log/random range. */
        DECIMAL,
        /** An integer. */
        INTEGER,
        /** true or false. */
        BOOLEAN,
        /** One constant of an enum, by its YAML name. */
        CHOICE,
        /** A list of names (a setting, never an axis), e.g. layers to leave alone. */
        STRINGS,
        /** Layer name to integer (a setting, never an axis), e.g. per-layer bit widths. */
        LAYER_INTS
    }

    /** Checks the declaration is consistent. */
    public ParamDecl {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue of " + key);
        allowed = List.copyOf(allowed);
        Objects.requireNonNull(doc, "doc");
        if (type == Type.CHOICE && choices == null) {
            throw new IllegalArgumentException(key + ": a choice needs its enum class");
        }
        if ((type == Type.STRINGS || type == Type.LAYER_INTS) && sweepable) {
            throw new IllegalArgumentException(key + ": a " + type + " setting cannot be swept");
        }
    }

    /** A decimal parameter in {@code range}; {@code noun} begins the expectation ("a fraction"). */
    public static ParamDecl<Double> decimal(
            String key, double defaultValue, Interval range, String noun, String doc) {
        return new ParamDecl<>(
                key,
                Type.DECIMAL,
                null,
                defaultValue,
                range,
                List.of(),
                noun + " " + range.describe(),
                true,
                false,
                doc);
    }

    /** An integer parameter in {@code range}; {@code noun} begins the expectation ("a count"). */
    public static ParamDecl<Integer> integer(
            String key, int defaultValue, Interval range, String noun, String doc) {
        return new ParamDecl<>(
                key,
                Type.INTEGER,
                null,
                defaultValue,
                range,
                List.of(),
                noun + " " + range.describe(),
                true,
                false,
                doc);
    }

    /** An integer parameter taking one of {@code allowed}. */
    public static ParamDecl<Integer> integerOf(
            String key, int defaultValue, List<Integer> allowed, String expected, String doc) {
        return new ParamDecl<>(
                key, Type.INTEGER, null, defaultValue, null, allowed, expected, true, false, doc);
    }

    /** A boolean parameter. */
    public static ParamDecl<Boolean> bool(String key, boolean defaultValue, String doc) {
        return new ParamDecl<>(
                key,
                Type.BOOLEAN,
                null,
                defaultValue,
                null,
                List.of(),
                "true or false",
                true,
                false,
                doc);
    }

    /** A choice among the constants of {@code type}. */
    public static <E extends Enum<E> & Named> ParamDecl<E> choice(
            String key, Class<E> type, E defaultValue, String doc) {
        return new ParamDecl<>(
                key,
                Type.CHOICE,
                type,
                defaultValue,
                null,
                List.of(),
                "one of " + String.join(", ", Named.names(type)),
                true,
                false,
                doc);
    }

    /** A list-of-names setting, empty by default. */
    public static ParamDecl<List<String>> strings(String key, String doc) {
        return new ParamDecl<>(
                key, Type.STRINGS, null, List.of(), null, List.of(), "names", false, false, doc);
    }

    /** A layer-to-integer setting, empty by default, each value as {@code values} allows. */
    public static ParamDecl<Map<String, Integer>> layerInts(
            String key, List<Integer> values, String expected, String doc) {
        return new ParamDecl<>(
                key, Type.LAYER_INTS, null, Map.of(), null, values, expected, false, false, doc);
    }

    /**
     * This parameter marked implicit: it came after specs were hashed, and its default is what
     * older specs mean.
     */
    public ParamDecl<T> implicitDefault() {
        return new ParamDecl<>(
                key, type, choices, defaultValue, range, allowed, expected, sweepable, true, doc);
    }

    /** This parameter with a different expectation text (e.g. explaining a special value). */
    public ParamDecl<T> expecting(String text) {
        return new ParamDecl<>(
                key, type, choices, defaultValue, range, allowed, text, sweepable, implicit, doc);
    }

    /** Whether a single value is allowed. */
    public boolean accepts(Object value) {
        return switch (type) {
            case DECIMAL ->
                    value instanceof Number n && (range == null || range.contains(n.doubleValue()));
            case INTEGER ->
                    value instanceof Integer i
                            && (range == null || range.contains(i))
                            && (allowed.isEmpty() || allowed.contains(i));
            case BOOLEAN -> value instanceof Boolean;
            case CHOICE -> choices.isInstance(value);
            case STRINGS ->
                    value instanceof List<?> l
                            && l.stream().allMatch(s -> s instanceof String str && !str.isBlank());
            case LAYER_INTS ->
                    value instanceof Map<?, ?> m
                            && m.values().stream()
                                    .allMatch(
                                            v ->
                                                    v instanceof Integer i
                                                            && (allowed.isEmpty()
                                                                    || allowed.contains(i)));
        };
    }
}
