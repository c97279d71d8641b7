package dev.frontier.analysis.pareto;

import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a Pareto analysis optimises: two or more objectives, the constraints a trial must meet
 * first, and optionally the hypervolume reference point.
 *
 * @param objectives two or more objectives on distinct metrics; the first one orders the front
 * @param constraints constraints every ranked trial must satisfy, possibly none
 * @param referencePoint the hypervolume reference point in raw metric units, one value per
 *     objective, or empty to derive it from the trials (see {@link ParetoAnalysis})
 */
public record ParetoCriteria(
        List<Objective> objectives, List<Constraint> constraints, List<Double> referencePoint) {

    /** Validates the objectives, constraints and reference point. */
    public ParetoCriteria {
        objectives = List.copyOf(Objects.requireNonNull(objectives, "objectives"));
        constraints = List.copyOf(Objects.requireNonNull(constraints, "constraints"));
        referencePoint = List.copyOf(Objects.requireNonNull(referencePoint, "referencePoint"));
        if (objectives.size() < 2) {
            throw new IllegalArgumentException(
                    "a Pareto frontier needs at least 2 objectives, got "
                            + objectives
                            + "; with one objective, sort the trials instead");
        }
        var seen = new HashSet<String>();
        for (Objective objective : objectives) {
            if (!seen.add(objective.metric())) {
                throw new IllegalArgumentException(
                        "metric '"
                                + objective.metric()
                                + "' appears twice among objectives "
                                + objectives);
            }
        }
        if (!referencePoint.isEmpty() && referencePoint.size() != objectives.size()) {
            throw new IllegalArgumentException(
                    "reference point "
                            + referencePoint
                            + " has "
                            + referencePoint.size()
                            + " values but there are "
                            + objectives.size()
                            + " objectives "
                            + objectives);
        }
        for (double value : referencePoint) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(
                        "reference point " + referencePoint + " must be finite");
            }
        }
    }

    /**
     * Returns criteria with the given objectives, no constraints and a derived reference point.
     *
     * @param objectives two or more objectives
     * @return the criteria
     */
    public static ParetoCriteria of(Objective... objectives) {
        return new ParetoCriteria(Arrays.asList(objectives), List.of(), List.of());
    }

    /**
     * Returns a copy with these constraints added.
     *
     * @param more constraints to add
     * @return new criteria
     */
    public ParetoCriteria withConstraints(Constraint... more) {
        var all = new ArrayList<>(constraints);
        all.addAll(Arrays.asList(more));
        return new ParetoCriteria(objectives, all, referencePoint);
    }

    /**
     * Returns a copy with a fixed hypervolume reference point, in raw metric units and objective
     * order. Fix it when hypervolumes of different sweeps must be compared.
     *
     * @param values one value per objective
     * @return new criteria
     */
    public ParetoCriteria withReferencePoint(double... values) {
        return new ParetoCriteria(objectives, constraints, Arrays.stream(values).boxed().toList());
    }

    /**
     * Returns the objective on {@code metric}, if there is one.
     *
     * @param metric the metric name
     * @return the objective, or empty
     */
    public java.util.Optional<Objective> objective(String metric) {
        return objectives.stream().filter(o -> o.metric().equals(metric)).findFirst();
    }
}
