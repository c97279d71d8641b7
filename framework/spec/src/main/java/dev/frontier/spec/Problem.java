package dev.frontier.spec;

import java.util.Objects;

/**
 * One thing wrong with a sweep: where it is, the key path ({@code pipeline[1].prune.ratio}) and a
 * message saying what was found and what was expected.
 *
 * @param location the file position, {@link Location#NONE} for builder-made specs
 * @param path the key path from the document root; empty for the document itself
 * @param message what was found and what was expected
 */
public record Problem(Location location, String path, String message) {

    /** Checks that no component is null. */
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** A problem without a location, at a path relative to the record that found it. */
    public static Problem at(String path, String message) {
        return new Problem(Location.NONE, path, message);
    }

    /** This problem with {@code prefix} prepended to its path. */
    public Problem under(String prefix) {
        return new Problem(location, Paths.join(prefix, path), message);
    }

    /** This problem with the given location. */
    public Problem locatedAt(Location where) {
        return new Problem(where, path, message);
    }

    /** {@code file:line:col: path: message}, the form the CLI prints. */
    @Override
    public String toString() {
        String where = location.isKnown() || !location.file().isEmpty() ? location + ": " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
