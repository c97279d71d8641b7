package dev.frontier.analysis;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes output files atomically: to a temporary sibling first, then renamed over the target. */
public final class AtomicFiles {

    /** Writes bytes to a stream; the body of {@link #write}. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * Writes the file's content.
         *
         * @param out the stream to the temporary file
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Writes {@code target} so that readers see either the old file or the complete new one.
     *
     * @param target the file to write; parent directories are created
     * @param writer writes the content
     * @return {@code target}
     * @throws IOException if writing or renaming fails; the temporary file is removed
     */
    public static Path write(Path target, StreamWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Not Files.createTempFile: that makes the file owner-only (0600); this one gets the
        // umask's mode.
        Path temp =
                absolute.resolveSibling(
                        "." + absolute.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out =
                    Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                writer.writeTo(out);
            }
            try {
                Files.move(
                        temp,
                        absolute,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param target the file to write
     * @param text its content
     * @return {@code target}
     * @throws IOException if writing fails
     */
    public static Path writeString(Path target, String text) throws IOException {
        return write(
                target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
