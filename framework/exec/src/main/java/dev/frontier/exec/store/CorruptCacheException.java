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

    CorruptCacheException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    /** The file that failed its check. */
    public Path file() {
        return file;
    }
}
