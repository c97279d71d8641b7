package dev.frontier.analysis.pareto;

import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.MetricNames;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Ranks the trials of a sweep into Pareto fronts and measures the frontier.
 *
 * <p>Steps: failed trials are set aside ({@link Standing#FAILED}); finished trials lacking an
 * objective or constraint metric, or reporting NaN for one, are {@link Standing#INCOMPLETE}; trials
 * violating any constraint are {@link Standing#INFEASIBLE}; the rest are ranked by fast
 * non-dominated sorting. The hypervolume is that of rank 1 with respect to the reference point.
 * When the criteria give no reference point it is derived per objective from the ranked trials:
 * their worst value, moved a further 10% of their range (best to worst) in the worse direction; if
 * all ranked trials agree on an objective, 10% of the value's magnitude, or 1 when the value is 0.
 * The margin keeps the extreme frontier points contributing volume. Compare hypervolumes across
 * sweeps only with a fixed reference.
 */
public final class ParetoAnalysis {

    private static final double MARGIN = 0.1;

    private ParetoAnalysis() {}

    /**
     * Analyses the trials against the criteria.
     *
     * @param outcomes the sweep's trials, with distinct ids
     * @param criteria objectives, constraints and optional reference point
     * @return every trial's standing and rank, the hypervolume and the knee point
     * @throws IllegalArgumentException if trial ids repeat, or an objective or constraint names a
     *     metric that no finished trial reports (with the nearest known name)
     */
    public static ParetoResult analyze(List<TrialOutcome> outcomes, ParetoCriteria criteria) {
        requireDistinctIds(outcomes);
        requireKnownMetrics(outcomes, criteria);
        List<Objective> objectives = criteria.objectives();
        var standings = new ArrayList<RankedTrial>();
        var candidates = new ArrayList<Integer>();
        var costs = new ArrayList<double[]>();
        for (TrialOutcome outcome : outcomes) {
            RankedTrial excluded = exclusion(outcome, criteria);
            standings.add(excluded);
            if (excluded == null) {
                candidates.add(standings.size() - 1);
                costs.add(costs(outcome, objectives));
            }
        }
        int[] ranks = NonDominatedSorting.ranks(costs);
        var frontCosts = new ArrayList<double[]>();
        var frontIndices = new ArrayList<Integer>();
        for (int i = 0; i < candidates.size(); i++) {
            int index = candidates.get(i);
            standings.set(
                    index, new RankedTrial(outcomes.get(index), Standing.RANKED, ranks[i], ""));
            if (ranks[i] == 1) {
                frontCosts.add(costs.get(i));
                frontIndices.add(index);
            }
        }
        if (costs.isEmpty()) {
            return new ParetoResult(
                    criteria, standings, criteria.referencePoint(), 0, 0, Optional.empty());
        }
        double[] reference =
                criteria.referencePoint().isEmpty()
                        ? derivedReference(costs)
                        : toCosts(criteria.referencePoint(), objectives);
        double volume = Hypervolume.of(frontCosts, reference);
        int knee = KneePoint.indexOf(frontCosts);
        return new ParetoResult(
                criteria,
                standings,
                fromCosts(reference, objectives),
                volume,
                ratio(volume, frontCosts, reference),
                Optional.of(standings.get(frontIndices.get(knee))));
    }

    private static RankedTrial exclusion(TrialOutcome outcome, ParetoCriteria criteria) {
        if (outcome.status() == dev.frontier.analysis.TrialStatus.STOPPED) {
            return new RankedTrial(outcome, Standing.STOPPED, 0, outcome.failureReason());
        }
        if (!outcome.isOk()) {
            return new RankedTrial(outcome, Standing.FAILED, 0, outcome.failureReason());
        }
        var missing = new LinkedHashSet<String>();
        criteria.objectives().forEach(o -> addIfMissing(outcome, o.metric(), missing));
        criteria.constraints().forEach(c -> addIfMissing(outcome, c.metric(), missing));
        if (!missing.isEmpty()) {
            return new RankedTrial(
                    outcome,
                    Standing.INCOMPLETE,
                    0,
                    "missing or NaN metric " + String.join(", ", missing));
        }
        var violated = new ArrayList<String>();
        for (Constraint constraint : criteria.constraints()) {
            double value = outcome.metric(constraint.metric()).orElseThrow();
            if (!constraint.isSatisfiedBy(value)) {
                violated.add(constraint + " (was " + MetricNames.format(value) + ")");
            }
        }
        return violated.isEmpty()
                ? null
                : new RankedTrial(
                        outcome, Standing.INFEASIBLE, 0, "violates " + String.join("; ", violated));
    }

    private static void addIfMissing(
            TrialOutcome outcome, String metric, java.util.Set<String> missing) {
        if (outcome.metric(metric).isEmpty()) {
            missing.add(metric);
        }
    }

    private static double[] costs(TrialOutcome outcome, List<Objective> objectives) {
        double[] c = new double[objectives.size()];
        for (int j = 0; j < c.length; j++) {
            Objective objective = objectives.get(j);
            c[j] = objective.direction().toCost(outcome.metric(objective.metric()).orElseThrow());
        }
        return c;
    }

    static double[] derivedReference(List<double[]> costs) {
        int dims = costs.get(0).length;
        double[] reference = new double[dims];
        for (int j = 0; j < dims; j++) {
            double best = Double.POSITIVE_INFINITY;
            double worst = Double.NEGATIVE_INFINITY;
            for (double[] c : costs) {
                best = Math.min(best, c[j]);
                worst = Math.max(worst, c[j]);
            }
            double range = worst - best;
            double margin = range > 0 ? MARGIN * range : worst != 0 ? MARGIN * Math.abs(worst) : 1;
            reference[j] = worst + margin;
        }
        return reference;
    }

    private static double ratio(double volume, List<double[]> front, double[] reference) {
        double box = 1;
        for (int j = 0; j < reference.length; j++) {
            double ideal = Double.POSITIVE_INFINITY;
            for (double[] c : front) {
                ideal = Math.min(ideal, c[j]);
            }
            box *= Math.max(0, reference[j] - ideal);
        }
        return box > 0 ? Math.min(1, volume / box) : 0;
    }

    private static double[] toCosts(List<Double> raw, List<Objective> objectives) {
        double[] c = new double[raw.size()];
        for (int j = 0; j < c.length; j++) {
            c[j] = objectives.get(j).direction().toCost(raw.get(j));
        }
        return c;
    }

    private static List<Double> fromCosts(double[] costs, List<Objective> objectives) {
        var raw = new ArrayList<Double>();
        for (int j = 0; j < costs.length; j++) {
            raw.add(objectives.get(j).direction().fromCost(costs[j]));
        }
        return raw;
    }

    private static void requireDistinctIds(List<TrialOutcome> outcomes) {
        var seen = new HashSet<String>();
        for (TrialOutcome outcome : outcomes) {
            if (!seen.add(outcome.trialId())) {
                throw new IllegalArgumentException(
                        "trial id '" + outcome.trialId() + "' appears more than once");
            }
        }
    }

    private static void requireKnownMetrics(List<TrialOutcome> outcomes, ParetoCriteria criteria) {
        var known = new LinkedHashSet<String>();
        outcomes.stream()
                .filter(TrialOutcome::isOk)
                .forEach(o -> known.addAll(o.metrics().keySet()));
        if (known.isEmpty()) {
            return;
        }
        criteria.objectives()
                .forEach(o -> MetricNames.requireKnown(o.metric(), known, "objective"));
        criteria.constraints()
                .forEach(c -> MetricNames.requireKnown(c.metric(), known, "constraint"));
    }
}
