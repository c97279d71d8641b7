package dev.frontier.search;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bookkeeping shared by the strategies: what was proposed, what was told, argument checks. */
abstract class AbstractStrategy implements SearchStrategy {

    protected final SearchSpace space;
    protected final int objectives;
    protected final Set<Point> proposed = new HashSet<>();
    protected final Map<Point, double[]> told = new HashMap<>();

    AbstractStrategy(SearchSpace space, int objectives) {
        if (objectives < 1) {
            throw new IllegalArgumentException("a search needs at least one objective");
        }
        this.space = space;
        this.objectives = objectives;
    }

    @Override
    public final Optional<Point> ask() {
        if (proposed.size() >= space.size()) {
            return Optional.empty();
        }
        Optional<Point> next = propose();
        next.ifPresent(
                p -> {
                    if (!space.contains(p) || !proposed.add(p)) {
                        throw new IllegalStateException(
                                name() + " proposed " + p + " twice or outside the space");
                    }
                });
        return next;
    }

    @Override
    public final void tell(Point point, double[] values) {
        if (!proposed.contains(point)) {
            throw new IllegalArgumentException(name() + ": point " + point + " was not proposed");
        }
        if (told.containsKey(point)) {
            throw new IllegalArgumentException(name() + ": point " + point + " was told twice");
        }
        if (values.length != objectives) {
            throw new IllegalArgumentException(
                    name() + ": " + values.length + " objective values, expected " + objectives);
        }
        told.put(point, values.clone());
        learn(point, values.clone());
    }

    /** The next unproposed point of the space, or empty when there is none. */
    protected abstract Optional<Point> propose();

    /** Hook for strategies that learn from results. */
    protected void learn(Point point, double[] values) {}
}
