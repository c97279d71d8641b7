package dev.frontier.spec;

import dev.frontier.limits.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects the problems a record constructor finds, then throws them together. */
final class Checks {

    private final List<Problem> problems = new ArrayList<>();

    /** Records {@code message} at {@code path} unless {@code ok}. */
    Checks require(boolean ok, String path, String message) {
        if (!ok) {
            problems.add(Problem.at(path, message));
        }
        return this;
    }

    /**
     * Checks every value a parameter can take; {@code expected} completes "found x, expected …".
     */
    <T> Checks param(String path, Param<T> param, Predicate<T> ok, String expected) {
        if (param instanceof Param.Fixed<T> fixed) {
            value(path, fixed.value(), ok, expected);
        } else if (param instanceof Param.Choice<T> choice) {
            for (int i = 0; i < choice.options().size(); i++) {
                value(Paths.index(path, i), choice.options().get(i), ok, expected);
            }
        } else if (param instanceof Param.Range range) {
            @SuppressWarnings("unchecked")
            Predicate<Double> okDouble = (Predicate<Double>) ok;
            String key = Paths.join(path, range.spacing().yamlName());
            value(Paths.index(key, 0), range.from(), okDouble, expected);
            value(Paths.index(key, 1), range.to(), okDouble, expected);
        }
        return this;
    }

    /**
     * Checks every value of a numeric parameter lies in {@code limit}; {@code noun} begins the
     * expectation ("a fraction").
     */
    <T extends Number> Checks param(String path, Param<T> param, Interval limit, String noun) {
        return param(
                path, param, v -> limit.contains(v.doubleValue()), noun + " " + limit.describe());
    }

    /** Checks a number lies in {@code limit}; {@code noun} begins the expectation ("a count"). */
    Checks value(String path, double value, Interval limit, String noun) {
        return value(path, value, v -> limit.contains(v), noun + " " + limit.describe());
    }

    /**
     * As {@link #value(String, double, Interval, String)} for an integer, shown without a decimal
     * point.
     */
    Checks value(String path, int value, Interval limit, String noun) {
        return value(path, value, v -> limit.contains(v), noun + " " + limit.describe());
    }

    <T> Checks value(String path, T value, Predicate<T> ok, String expected) {
        return require(
                ok.test(value), path, "found " + Values.show(value) + ", expected " + expected);
    }

    /** Adds problems found by a nested record, under {@code prefix}. */
    Checks absorb(String prefix, SpecException e) {
        e.problems().forEach(p -> problems.add(p.under(prefix)));
        return this;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** Throws one {@link SpecException} with every problem found, if any. */
    void done() {
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }
}
