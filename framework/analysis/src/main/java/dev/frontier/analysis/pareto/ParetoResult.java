package dev.frontier.analysis.pareto;

import dev.frontier.analysis.Objective;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a Pareto analysis: every trial with its standing and rank, the hypervolume of the
 * frontier and its knee.
 *
 * @param criteria the objectives, constraints and reference point used
 * @param trials every trial, in input order
 * @param referencePoint the hypervolume reference point in raw metric units (given or derived);
 *     empty when no trial was ranked
 * @param hypervolume the volume dominated by the frontier up to the reference point, in the product
 *     of the objectives' units
 * @param hypervolumeRatio the hypervolume as a fraction of the box between the frontier's ideal
 *     point and the reference point, in [0, 1]; unit-free, so easier to read than {@code
 *     hypervolume}
 * @param knee the frontier's knee point, empty when nothing was ranked
 */
public record ParetoResult(
        ParetoCriteria criteria,
        List<RankedTrial> trials,
        List<Double> referencePoint,
        double hypervolume,
        double hypervolumeRatio,
        Optional<RankedTrial> knee) {

    /** Freezes the lists and checks the figures. */
    public ParetoResult {
        Objects.requireNonNull(criteria, "criteria");
        trials = List.copyOf(trials);
        referencePoint = List.copyOf(referencePoint);
        Objects.requireNonNull(knee, "knee");
        if (!(hypervolume >= 0) || !(hypervolumeRatio >= 0 && hypervolumeRatio <= 1 + 1e-9)) {
            throw new IllegalArgumentException(
                    "hypervolume "
                            + hypervolume
                            + " and ratio "
                            + hypervolumeRatio
                            + " must be non-negative, the ratio at most 1");
        }
    }

    /**
     * Returns the frontier (rank 1), ordered by the first objective's raw value ascending, then by
     * the following objectives, then by input order.
     *
     * @return the frontier trials
     */
    public List<RankedTrial> front() {
        return trials.stream().filter(RankedTrial::onFrontier).sorted(byObjectives()).toList();
    }

    /**
     * Returns the trials of the given standing, in input order.
     *
     * @param standing the standing to select
     * @return those trials
     */
    public List<RankedTrial> withStanding(Standing standing) {
        return trials.stream().filter(t -> t.standing() == standing).toList();
    }

    /**
     * Returns the number of trials of the given standing.
     *
     * @param standing the standing to count
     * @return the count
     */
    public int count(Standing standing) {
        return withStanding(standing).size();
    }

    /**
     * Returns the trial with this id.
     *
     * @param trialId the id
     * @return the trial, or empty
     */
    public Optional<RankedTrial> trial(String trialId) {
        return trials.stream().filter(t -> t.trialId().equals(trialId)).findFirst();
    }

    private Comparator<RankedTrial> byObjectives() {
        Comparator<RankedTrial> order = (a, b) -> 0;
        for (Objective objective : criteria.objectives()) {
            order = order.thenComparingDouble(t -> t.outcome().metrics().get(objective.metric()));
        }
        return order;
    }
}
