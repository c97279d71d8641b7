package dev.frontier.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Uniform random points without replacement, from a seeded generator. */
public final class RandomSearch extends AbstractStrategy {

    private static final int ATTEMPTS = 10_000;

    private final SplittableRandom random;

    /** Random search over {@code space} with the given seed. */
    public RandomSearch(SearchSpace space, int objectives, long seed) {
        super(space, objectives);
        this.random = new SplittableRandom(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    protected Optional<Point> propose() {
        return unseen(space, proposed::contains, random);
    }

    /**
     * A uniformly drawn point of {@code space} not yet {@code seen}; listed spaces draw without
     * replacement from the points not yet seen, larger ones by rejection.
     */
    static Optional<Point> unseen(
            SearchSpace space, java.util.function.Predicate<Point> seen, SplittableRandom random) {
        long product = 1;
        for (Axis a : space.axes()) {
            product = product > SearchSpace.MAX_LISTED ? product : product * a.size();
        }
        if (product <= SearchSpace.MAX_LISTED) {
            List<Point> candidates = new ArrayList<>();
            for (Point p : space.points()) {
                if (!seen.test(p)) {
                    candidates.add(p);
                }
            }
            return candidates.isEmpty()
                    ? Optional.empty()
                    : Optional.of(candidates.get(random.nextInt(candidates.size())));
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int[] idx = new int[space.dimensions()];
            for (int d = 0; d < idx.length; d++) {
                idx[d] = random.nextInt(space.axes().get(d).size());
            }
            Point p = Point.of(idx);
            if (space.contains(p) && !seen.test(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
