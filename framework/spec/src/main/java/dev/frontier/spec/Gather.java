package dev.frontier.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Gathers problems from many record constructors so that the reader and the builder report them all
 * at once. The reader's {@code locate} adds file positions; the builder's leaves them out.
 */
final class Gather {

    private final List<Problem> problems = new ArrayList<>();
    private final UnaryOperator<Problem> locate;

    Gather(UnaryOperator<Problem> locate) {
        this.locate = locate;
    }

    /**
     * Runs {@code make}; if it throws a {@link SpecException}, records its problems under {@code
     * prefix} and returns null.
     */
    <T> T attempt(String prefix, Supplier<T> make) {
        try {
            return make.get();
        } catch (SpecException e) {
            e.problems().forEach(p -> add(p.under(prefix)));
            return null;
        }
    }

    void add(Problem problem) {
        problems.add(locate.apply(problem));
    }

    void add(String path, String message) {
        add(Problem.at(path, message));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    /** Throws every distinct problem in document order (line, then column), if there is any. */
    void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(
                Comparator.comparingInt((Problem p) -> p.location().line())
                        .thenComparingInt(p -> p.location().column()));
        throw new SpecException(sorted);
    }
}
