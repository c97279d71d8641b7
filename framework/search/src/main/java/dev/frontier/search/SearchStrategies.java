package dev.frontier.search;

import dev.frontier.analysis.Direction;
import java.util.List;

/** Makes a strategy from its name, as a sweep's {@code search: {strategy: ...}} would. */
public final class SearchStrategies {

    /** The strategy names, in the order benchmarks list them. */
    public static final List<String> NAMES = List.of("grid", "random", "nsga2");

    private SearchStrategies() {}

    /**
     * A new strategy.
     *
     * @param name one of {@link #NAMES}
     * @param space the points it may propose
     * @param directions each objective's direction, in tell order
     * @param seed seed of its random draws (the grid has none)
     * @throws IllegalArgumentException for an unknown name
     */
    public static SearchStrategy create(
            String name, SearchSpace space, List<Direction> directions, long seed) {
        return switch (name) {
            case "grid" -> new GridSearch(space, directions.size());
            case "random" -> new RandomSearch(space, directions.size(), seed);
            case "nsga2" ->
                    new Nsga2Search(
                            space,
                            directions,
                            seed,
                            Nsga2Search.defaultPopulationSize(space.size()));
            default ->
                    throw new IllegalArgumentException(
                            "unknown search strategy '" + name + "' (known: " + NAMES + ")");
        };
    }
}
