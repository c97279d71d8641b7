package dev.frontier.notebook;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parameters of a notebook run, read from the environment — the one way a headless run (CI, the
 * notebook runner) makes a notebook smaller. Each notebook reads them in its first code cell, with
 * its own defaults for an interactive run:
 *
 * <pre>{@code
 * var params = NotebookParams.fromEnvironment();
 * int limit = params.integer("FRONTIER_NB_LIMIT", 10_000);
 * }</pre>
 *
 * <p>Names start with {@code FRONTIER_NB_}; {@link #LIMIT} (training examples), {@link #EPOCHS} and
 * {@link #SEEDS} are the common ones. A value that is set but not a number is an error naming the
 * variable, never silently the default.
 *
 * @param values the environment variables that start with {@code FRONTIER_NB_}
 */
public record NotebookParams(Map<String, String> values) {

    /** Prefix of every notebook parameter. */
    public static final String PREFIX = "FRONTIER_NB_";

    /** Number of training examples to use. */
    public static final String LIMIT = "FRONTIER_NB_LIMIT";

    /** Training epochs. */
    public static final String EPOCHS = "FRONTIER_NB_EPOCHS";

    /** Seeds (repeats) per setting. */
    public static final String SEEDS = "FRONTIER_NB_SEEDS";

    /** Keeps only the notebook parameters, sorted by name. */
    public NotebookParams {
        Objects.requireNonNull(values, "values");
        var kept = new TreeMap<String, String>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(PREFIX) && v != null && !v.isBlank()) {
                        kept.put(k, v.strip());
                    }
                });
        values = java.util.Collections.unmodifiableMap(kept);
    }

    /**
     * Returns the parameters set in this process's environment.
     *
     * @return the parameters
     */
    public static NotebookParams fromEnvironment() {
        return new NotebookParams(System.getenv());
    }

    /**
     * Returns an integer parameter.
     *
     * @param name the variable, e.g. {@link #LIMIT}
     * @param fallback the value when it is not set
     * @return the value
     * @throws IllegalArgumentException if it is set but not an integer
     */
    public int integer(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name
                            + "="
                            + v
                            + " is not an integer; unset it or give a number such as "
                            + fallback,
                    e);
        }
    }

    /**
     * Returns a decimal parameter.
     *
     * @param name the variable
     * @param fallback the value when it is not set
     * @return the value
     * @throws IllegalArgumentException if it is set but not a number
     */
    public double decimal(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name
                            + "="
                            + v
                            + " is not a number; unset it or give a number such as "
                            + fallback,
                    e);
        }
    }

    /**
     * Returns a text parameter.
     *
     * @param name the variable
     * @param fallback the value when it is not set
     * @return the value
     */
    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /**
     * Returns a one-line account of the parameters set, for the first cell's output.
     *
     * @return e.g. {@code notebook parameters: FRONTIER_NB_EPOCHS=1, FRONTIER_NB_LIMIT=2000}
     */
    public String describe() {
        return values.isEmpty()
                ? "notebook parameters: none set (interactive defaults)"
                : "notebook parameters: "
                        + String.join(
                                ", ",
                                values.entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .toList());
    }
}
