package dev.frontier.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A pass parameter: either one fixed value or a sweep axis (an explicit list, or a linear, log or
 * random range).
 *
 * <p>In YAML: {@code ratio: 0.5}, {@code ratio: [0.5, 0.7, 0.9]}, {@code ratio: {linear: [0.5,
 * 0.9], count: 5}}, {@code lr: {log: [1e-4, 1e-2], count: 3}}, {@code alpha: {random: [0.1, 0.9],
 * count: 4, seed: 7}}. Ranges apply to decimal parameters only.
 *
 * @param <T> the value type: Double, Integer, Boolean or a {@link Named} enum
 */
public sealed interface Param<T> permits Param.Fixed, Param.Choice, Param.Range {

    /** The values this parameter takes, in sweep order; one value for a fixed parameter. */
    List<T> values();

    /** True when this parameter is a sweep axis (a list or a range), even a one-element list. */
    default boolean isAxis() {
        return !(this instanceof Fixed);
    }

    /**
     * The value of a fixed parameter.
     *
     * @throws IllegalStateException if this parameter is a sweep axis; resolve it in a trial first
     */
    default T value() {
        throw new IllegalStateException(
                "this parameter is a sweep axis "
                        + Values.show(values())
                        + "; take its value from a planned trial");
    }

    /** A fixed value. */
    static <T> Param<T> of(T value) {
        return new Fixed<>(value);
    }

    /** An axis over the given values, in this order. */
    @SafeVarargs
    static <T> Param<T> oneOf(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T value : values) {
            list.add(value);
        }
        return new Choice<>(list);
    }

    /** An axis over the given values, in this order. */
    static <T> Param<T> oneOf(List<T> values) {
        return new Choice<>(values);
    }

    /** {@code count} evenly spaced decimals from {@code from} to {@code to}, both included. */
    static Param<Double> linear(double from, double to, int count) {
        return new Range(Range.Spacing.LINEAR, from, to, count, 0);
    }

    /**
     * {@code count} geometrically spaced decimals from {@code from} to {@code to}, both included
     * (both > 0).
     */
    static Param<Double> log(double from, double to, int count) {
        return new Range(Range.Spacing.LOG, from, to, count, 0);
    }

    /**
     * {@code count} uniform random decimals in [{@code from}, {@code to}) drawn with {@code seed},
     * sorted.
     */
    static Param<Double> random(double from, double to, int count, long seed) {
        return new Range(Range.Spacing.RANDOM, from, to, count, seed);
    }

    /**
     * A single value.
     *
     * @param value the value, not null
     * @param <T> the value type
     */
    record Fixed<T>(T value) implements Param<T> {

        /** Checks that the value is not null. */
        public Fixed {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public List<T> values() {
            return List.of(value);
        }
    }

    /**
     * An explicit list of values, swept in order.
     *
     * @param options at least one value, no duplicates
     * @param <T> the value type
     */
    record Choice<T>(List<T> options) implements Param<T> {

        /** Checks that the list is non-empty and holds no duplicates. */
        public Choice {
            options = List.copyOf(options);
            Checks checks = new Checks();
            checks.require(
                    !options.isEmpty(), "", "found an empty list, expected at least one value");
            var seen = new HashSet<T>();
            for (int i = 0; i < options.size(); i++) {
                checks.require(
                        seen.add(options.get(i)),
                        "[" + i + "]",
                        "found "
                                + Values.show(options.get(i))
                                + " twice, expected distinct values");
            }
            checks.done();
        }

        @Override
        public List<T> values() {
            return options;
        }
    }

    /**
     * A range of decimals expanded to {@code count} values.
     *
     * @param spacing linear, log or random
     * @param from first bound
     * @param to second bound
     * @param count how many values, at least 1
     * @param seed random seed (random spacing only, 0 otherwise)
     */
    record Range(Spacing spacing, double from, double to, int count, long seed)
            implements Param<Double> {

        /** How values are placed between the bounds. */
        public enum Spacing implements Named {
            /** Evenly spaced, bounds included. */
            LINEAR,
            /** Evenly spaced in log space, bounds included; bounds must be positive. */
            LOG,
            /** Uniform random in [from, to), sorted. */
            RANDOM;

            @Override
            public String yamlName() {
                return name().toLowerCase();
            }
        }

        /** Checks the count, the bounds and (log) their sign. */
        public Range {
            Objects.requireNonNull(spacing, "spacing");
            String key = spacing.yamlName();
            Checks checks = new Checks();
            checks.require(count >= 1, "count", "found " + count + ", expected a count >= 1");
            checks.require(
                    Double.isFinite(from) && Double.isFinite(to),
                    key,
                    "found a non-finite bound, expected numbers");
            if (spacing == Spacing.LOG) {
                checks.require(
                        from > 0,
                        key + "[0]",
                        "found " + from + ", expected a bound > 0 for a log range");
                checks.require(
                        to > 0,
                        key + "[1]",
                        "found " + to + ", expected a bound > 0 for a log range");
            }
            if (spacing == Spacing.RANDOM) {
                checks.require(
                        from < to, key, "found [" + from + ", " + to + "], expected from < to");
            } else {
                checks.require(
                        count == 1 || from != to,
                        key,
                        "found equal bounds with count " + count + ", expected distinct bounds");
            }
            if (spacing != Spacing.RANDOM) {
                checks.require(
                        seed == 0,
                        "seed",
                        "found a seed on a "
                                + key
                                + " range, expected seeds on random ranges only");
            }
            checks.done();
        }

        @Override
        public List<Double> values() {
            List<Double> out = new ArrayList<>(count);
            if (spacing == Spacing.RANDOM) {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < count; i++) {
                    out.add(Values.tidy(random.nextDouble(from, to)));
                }
                out.sort(null);
                return List.copyOf(out);
            }
            for (int i = 0; i < count; i++) {
                double t = count == 1 ? 0 : (double) i / (count - 1);
                double v =
                        spacing == Spacing.LINEAR
                                ? from + t * (to - from)
                                : Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)));
                out.add(Values.tidy(v));
            }
            return List.copyOf(out);
        }
    }
}
