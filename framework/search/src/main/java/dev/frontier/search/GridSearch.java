package dev.frontier.search;

import java.util.Optional;

/** The grid in sweep order (first axis slowest): what a sweep with {@code combine: grid} runs. */
public final class GridSearch extends AbstractStrategy {

    private int next;

    /** A grid over {@code space}; the seed is not used (the order is fixed). */
    public GridSearch(SearchSpace space, int objectives) {
        super(space, objectives);
    }

    @Override
    public String name() {
        return "grid";
    }

    @Override
    protected Optional<Point> propose() {
        var points = space.points();
        return next < points.size() ? Optional.of(points.get(next++)) : Optional.empty();
    }
}
