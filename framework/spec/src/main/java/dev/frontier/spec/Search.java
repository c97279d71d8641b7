package dev.frontier.spec;

import dev.frontier.limits.Interval;

/**
 * How a sweep explores its trials: every trial of the grid (no {@code search:} section), or a
 * budget of trials proposed one at a time by a strategy that learns from the measured ones. The
 * planned trials and stage keys are the same either way; a search runs a subset of them, and a
 * resumed search (same seed, same answers) proposes the same trials again.
 *
 * @param strategy how trials are proposed
 * @param budget how many distinct trials are run, &gt;= 1
 * @param seed seed of the strategy's random draws
 * @param earlyStop when to stop a trial that cannot reach the frontier, or never
 */
public record Search(
        Strategy strategy, int budget, long seed, java.util.Optional<EarlyStop> earlyStop) {

    /** Budgets are counts of trials. */
    static final Interval BUDGET = Interval.atLeast(1);

    /** Search strategies. */
    public enum Strategy implements Named {
        /** The grid's trials in order (a budget smaller than the grid cuts it short). */
        GRID,
        /** Uniformly random trials, without repeats. */
        RANDOM,
        /** NSGA-II (jMetal): an evolutionary multi-objective search over the axes' values. */
        NSGA2;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** A search without early stopping. */
    public Search(Strategy strategy, int budget, long seed) {
        this(strategy, budget, seed, java.util.Optional.empty());
    }

    /** This search stopping hopeless trials as {@code rule} says. */
    public Search withEarlyStop(EarlyStop rule) {
        return new Search(strategy, budget, seed, java.util.Optional.of(rule));
    }

    /** Checks the budget. */
    public Search {
        java.util.Objects.requireNonNull(strategy, "strategy");
        java.util.Objects.requireNonNull(earlyStop, "earlyStop");
        new Checks().value("budget", budget, BUDGET, "a count of trials").done();
    }
}
