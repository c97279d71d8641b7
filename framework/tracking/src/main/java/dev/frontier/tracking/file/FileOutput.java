package dev.frontier.tracking.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the stream a file store writes a new (temporary) file through; the default writes to disk.
 * Tests give one that fails after some bytes to simulate a full disk.
 */
@FunctionalInterface
public interface FileOutput {

    /** Writes to disk, creating the file (which must not exist). */
    FileOutput DISK =
            file ->
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * Opens a new file for writing.
     *
     * @param file the file to create
     * @return its stream
     * @throws IOException if it cannot be created
     */
    OutputStream open(Path file) throws IOException;
}
