package dev.frontier.search;

import java.util.Optional;

/**
 * Proposes trials one at a time (ask) and learns their measured objectives (tell). A strategy never
 * proposes a point twice, so a budget of N asks is N distinct trials; for a given seed and the same
 * answers it proposes the same points in the same order.
 */
public interface SearchStrategy {

    /** The strategy's name, e.g. {@code nsga2}. */
    String name();

    /**
     * The next point to evaluate, never one proposed before; empty when every point of the space
     * has been proposed.
     */
    Optional<Point> ask();

    /**
     * The measured objectives of a proposed point, one per objective the strategy was made with, as
     * measured (not as costs); NaN for a trial that failed.
     *
     * @throws IllegalArgumentException for a point not proposed, told twice, or the wrong count
     */
    void tell(Point point, double[] objectives);
}
