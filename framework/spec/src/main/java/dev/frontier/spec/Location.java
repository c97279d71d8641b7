package dev.frontier.spec;

import java.util.Objects;

/**
 * Where a value came from: a file with 1-based line and column, or {@link #NONE} for values built
 * in Java.
 *
 * @param file the file name as given to the reader
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Location(String file, int line, int column) {

    /** The location of values that did not come from a file (the Java builder). */
    public static final Location NONE = new Location("", 0, 0);

    /** Checks that the file is non-null and that line and column are not negative. */
    public Location {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /** True when this location points into a file. */
    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:column}, or {@code <builder>} for {@link #NONE}. */
    @Override
    public String toString() {
        return isKnown() ? file + ":" + line + ":" + column : (file.isEmpty() ? "<builder>" : file);
    }
}
