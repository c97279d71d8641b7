package dev.frontier.exec.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A cached file of the run directory fails its check (checksum, size, parse): the entry is moved
 * aside and recomputed, never believed. The message says which file and what is wrong.
 */
public final class CorruptCacheException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    CorruptCacheException(Path file, String reason) {
        super(file + ": " + reason);
        this.reason = reason;
        this.file = file;
    }

    /** What is wrong with the file, without its name. */
    public String reason() {
        return reason;
    }

    /** The file that failed its check. */
    public Path file() {
        return file;
    }
}
