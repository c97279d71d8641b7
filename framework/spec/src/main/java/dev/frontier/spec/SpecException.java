package dev.frontier.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a sweep is invalid; carries every {@link Problem} found, not just the first. The CLI
 * prints {@link #problems()} one per line and exits with status 2.
 */
public final class SpecException extends RuntimeException {

    private final transient List<Problem> problems;

    /** An exception carrying the given problems (at least one). */
    public SpecException(List<Problem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** An exception carrying one problem. */
    public SpecException(Problem problem) {
        this(List.of(problem));
    }

    /** Every problem found, in document order for specs read from a file. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        String head =
                problems.size() == 1
                        ? "1 problem in sweep spec"
                        : problems.size() + " problems in sweep spec";
        return problems.stream()
                .map(Problem::toString)
                .collect(Collectors.joining("\n  ", head + ":\n  ", ""));
    }
}
