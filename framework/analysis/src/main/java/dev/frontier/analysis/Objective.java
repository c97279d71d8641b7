package dev.frontier.analysis;

import java.util.Objects;

/**
 * One metric the frontier optimises, and in which direction.
 *
 * @param metric the metric name as it appears in {@link TrialOutcome#metrics()}
 * @param direction whether larger or smaller values are better
 */
public record Objective(String metric, Direction direction) {

    /** Validates the metric name and direction. */
    public Objective {
        MetricNames.requireValid(metric, "objective metric");
        Objects.requireNonNull(direction, "objective direction");
    }

    /**
     * Returns an objective whose larger values are better.
     *
     * @param metric the metric name
     * @return the objective
     */
    public static Objective maximize(String metric) {
        return new Objective(metric, Direction.MAX);
    }

    /**
     * Returns an objective whose smaller values are better.
     *
     * @param metric the metric name
     * @return the objective
     */
    public static Objective minimize(String metric) {
        return new Objective(metric, Direction.MIN);
    }

    /**
     * Returns true if value {@code a} is strictly better than value {@code b} for this objective.
     *
     * @param a one metric value
     * @param b another metric value
     * @return whether {@code a} beats {@code b}
     */
    public boolean isBetter(double a, double b) {
        return direction.toCost(a) < direction.toCost(b);
    }

    @Override
    public String toString() {
        return (direction == Direction.MAX ? "max " : "min ") + metric;
    }
}
