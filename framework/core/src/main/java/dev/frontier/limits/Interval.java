package dev.frontier.limits;

import java.math.BigDecimal;

/**
 * An interval of numbers, each end closed or open. An infinite end is always open, so every member
 * is finite (NaN is never a member).
 *
 * @param min the lower end, possibly {@code -Infinity}
 * @param minClosed whether {@code min} itself belongs to the interval
 * @param max the upper end, possibly {@code +Infinity}
 * @param maxClosed whether {@code max} itself belongs to the interval
 */
public record Interval(double min, boolean minClosed, double max, boolean maxClosed) {

    /** Checks the ends are ordered and not NaN, and opens infinite ends. */
    public Interval {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("not an interval: " + min + ", " + max);
        }
        minClosed &= Double.isFinite(min);
        maxClosed &= Double.isFinite(max);
    }

    /** {@code [min, max]}. */
    public static Interval closed(double min, double max) {
        return new Interval(min, true, max, true);
    }

    /** {@code [min, max)}. */
    public static Interval closedOpen(double min, double max) {
        return new Interval(min, true, max, false);
    }

    /** {@code (min, max]}. */
    public static Interval openClosed(double min, double max) {
        return new Interval(min, false, max, true);
    }

    /** Every finite number {@code > min}. */
    public static Interval above(double min) {
        return new Interval(min, false, Double.POSITIVE_INFINITY, false);
    }

    /** Every finite number {@code >= min}. */
    public static Interval atLeast(double min) {
        return new Interval(min, true, Double.POSITIVE_INFINITY, false);
    }

    /** Whether {@code value} lies in this interval. */
    public boolean contains(double value) {
        return (minClosed ? value >= min : value > min) && (maxClosed ? value <= max : value < max);
    }

    /** Whether the lower end is finite. */
    public boolean hasMin() {
        return Double.isFinite(min);
    }

    /** Whether the upper end is finite. */
    public boolean hasMax() {
        return Double.isFinite(max);
    }

    /**
     * The interval as a message completes "must be …": {@code in [0, 1)}, {@code > 0}, {@code >=
     * 1}, {@code <= 5}.
     */
    public String describe() {
        if (hasMin() && hasMax()) {
            return "in "
                    + (minClosed ? "[" : "(")
                    + show(min)
                    + ", "
                    + show(max)
                    + (maxClosed ? "]" : ")");
        }
        if (hasMin()) {
            return (minClosed ? ">= " : "> ") + show(min);
        }
        if (hasMax()) {
            return (maxClosed ? "<= " : "< ") + show(max);
        }
        return "finite";
    }

    /**
     * Returns {@code value} if it lies in this interval.
     *
     * @throws IllegalArgumentException "{@code what} must be in [0, 1), got 1.0" otherwise
     */
    public double check(double value, String what) {
        if (!contains(value)) {
            throw new IllegalArgumentException(what + " must be " + describe() + ", got " + value);
        }
        return value;
    }

    /**
     * Returns {@code value} if it lies in this interval.
     *
     * @throws IllegalArgumentException "{@code what} must be >= 1, got 0" otherwise
     */
    public int check(int value, String what) {
        if (!contains(value)) {
            throw new IllegalArgumentException(what + " must be " + describe() + ", got " + value);
        }
        return value;
    }

    /** An end as written in messages and the JSON Schema: {@code 0}, {@code 16}, {@code 0.5}. */
    static String show(double end) {
        return BigDecimal.valueOf(end).stripTrailingZeros().toPlainString();
    }
}
