package dev.frontier.analysis;

/** Whether a larger ({@link #MAX}) or a smaller ({@link #MIN}) metric value is better. */
public enum Direction {
    /** Larger is better, e.g. accuracy. */
    MAX,
    /** Smaller is better, e.g. size or latency. */
    MIN;

    /**
     * Returns the value turned into a "smaller is better" cost, so all objectives compare the same
     * way.
     *
     * @param value the raw metric value
     * @return {@code value} for {@link #MIN}, {@code -value} for {@link #MAX}
     */
    public double toCost(double value) {
        return this == MIN ? value : -value;
    }

    /**
     * Returns the inverse of {@link #toCost(double)}.
     *
     * @param cost a value produced by {@link #toCost(double)}
     * @return the raw metric value
     */
    public double fromCost(double cost) {
        return this == MIN ? cost : -cost;
    }
}
