package dev.frontier.search;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One searched parameter: its name and its values in order; a continuous range is discretized into
 * evenly spaced values first ({@link #discretized}).
 *
 * @param name the parameter, e.g. {@code prune.ratio}
 * @param values its distinct values, as the sweep writes them, in the axis order
 */
public record Axis(String name, List<String> values) {

    /** Checks the name and that the values are present and distinct. */
    public Axis {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("axis name is blank");
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("axis " + name + " has no values");
        }
        values = List.copyOf(values);
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("axis " + name + " repeats a value: " + values);
        }
    }

    /** An axis of the given values. */
    public static Axis of(String name, String... values) {
        return new Axis(name, List.of(values));
    }

    /**
     * A continuous range {@code [low, high]} as {@code count} evenly spaced values, both ends
     * included, each written with at most 10 significant digits (0.6, not 0.6000000000000001).
     */
    public static Axis discretized(String name, double low, double high, int count) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low <= high)) {
            throw new IllegalArgumentException(
                    "axis " + name + ": range [" + low + ", " + high + "] is not a finite range");
        }
        if (count < 1 || (count == 1 && low != high)) {
            throw new IllegalArgumentException(
                    "axis " + name + ": count must be >= 2 for a range, got " + count);
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double v = count == 1 ? low : low + (high - low) * i / (count - 1);
            values.add(
                    new BigDecimal(v)
                            .round(new MathContext(10))
                            .stripTrailingZeros()
                            .toPlainString());
        }
        return new Axis(name, values);
    }

    /** Number of values. */
    public int size() {
        return values.size();
    }
}
