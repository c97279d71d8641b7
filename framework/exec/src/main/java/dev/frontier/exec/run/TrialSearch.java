package dev.frontier.exec.run;

import dev.frontier.analysis.Direction;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Trial;
import dev.frontier.search.Point;
import dev.frontier.search.SearchSpace;
import dev.frontier.search.SearchStrategies;
import dev.frontier.search.SearchStrategy;
import dev.frontier.spec.Axis;
import dev.frontier.spec.Objective;
import dev.frontier.spec.Search;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which planned trials a sweep runs, in which order: all of them, or those a {@link Search}
 * strategy proposes one at a time from the measured ones (each planned trial is a point on the
 * sweep's axes; exclusions are already out of the plan).
 */
final class TrialSearch {

    private final Search search;
    private final SearchStrategy strategy;
    private final Map<Point, Trial> trials = new HashMap<>();
    private final List<Objective> objectives;
    private int proposed;

    private TrialSearch(Search search, SearchStrategy strategy, List<Objective> objectives) {
        this.search = search;
        this.strategy = strategy;
        this.objectives = objectives;
    }

    /** The search of {@code sweep} over {@code plan}'s trials, if it has one. */
    static Optional<TrialSearch> of(Sweep sweep, Plan plan) {
        if (sweep.search().isEmpty()) {
            return Optional.empty();
        }
        Search s = sweep.search().get();
        List<Axis> axes = sweep.axes();
        List<dev.frontier.search.Axis> searchAxes = new ArrayList<>();
        for (Axis a : axes) {
            searchAxes.add(
                    new dev.frontier.search.Axis(
                            a.name(), a.values().stream().map(Values::show).toList()));
        }
        if (searchAxes.isEmpty()) {
            searchAxes.add(dev.frontier.search.Axis.of("trial", "only"));
        }
        Map<Point, Trial> byPoint = new HashMap<>();
        for (Trial t : plan.trials()) {
            int[] idx = new int[searchAxes.size()];
            for (int i = 0; i < axes.size(); i++) {
                Axis a = axes.get(i);
                idx[i] = indexOf(a, t.axisValues().get(a.name()));
            }
            byPoint.put(Point.of(idx), t);
        }
        SearchSpace space = SearchSpace.of(searchAxes).restrictedTo(byPoint.keySet());
        List<Direction> directions =
                sweep.objectives().stream()
                        .map(
                                o ->
                                        o.direction() == Objective.Direction.MAX
                                                ? Direction.MAX
                                                : Direction.MIN)
                        .toList();
        String name = s.strategy().yamlName();
        TrialSearch search =
                new TrialSearch(
                        s,
                        SearchStrategies.create(name, space, directions, s.seed()),
                        sweep.objectives());
        search.trials.putAll(byPoint);
        return Optional.of(search);
    }

    private static int indexOf(Axis a, Object value) {
        for (int i = 0; i < a.values().size(); i++) {
            if (a.values().get(i).equals(value)) {
                return i;
            }
        }
        throw new IllegalStateException("trial value " + value + " is not on axis " + a.name());
    }

    /** The next trial to run, or empty when the budget is spent or every trial was proposed. */
    Optional<Map.Entry<Point, Trial>> next() {
        if (proposed >= search.budget()) {
            return Optional.empty();
        }
        Optional<Point> p = strategy.ask();
        if (p.isEmpty()) {
            return Optional.empty();
        }
        proposed++;
        return Optional.of(Map.entry(p.get(), trials.get(p.get())));
    }

    /** Tells the strategy a trial's measured objectives (NaN where it failed or lacks one). */
    void measured(Point point, Map<String, Double> metrics, boolean ok) {
        double[] v = new double[objectives.size()];
        for (int i = 0; i < v.length; i++) {
            Double m = metrics.get(objectives.get(i).metric());
            v[i] = ok && m != null ? m : Double.NaN;
        }
        strategy.tell(point, v);
    }

    /** How many trials this search will run at most. */
    int budget() {
        return (int) Math.min(search.budget(), trials.size());
    }

    /** One line for the log. */
    String describe(int planned) {
        return "search: "
                + search.strategy().yamlName()
                + " proposes "
                + budget()
                + " of "
                + planned
                + " planned trials one at a time (seed "
                + search.seed()
                + "); stages run here, as each trial needs them";
    }
}
