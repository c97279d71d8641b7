package dev.frontier.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** The up-front check that a run directory can be created and written, before any work is done. */
final class RunDirectory {
    private RunDirectory() {}

    /**
     * Checks that {@code dir} can be created and written: creates it if needed, writes and deletes
     * a probe file in it, then removes the folders it created, so a run stopped afterwards by a bad
     * sweep leaves nothing.
     *
     * @throws UserInputException "cannot write run directory DIR: REASON" when either fails
     */
    static void checkWritable(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path firstMissing = null;
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            firstMissing = p;
        }
        try {
            Path existing = firstMissing == null ? abs : firstMissing.getParent();
            if (existing != null && !Files.isDirectory(existing)) {
                throw new UserInputException(
                        "cannot write run directory "
                                + dir
                                + ": "
                                + (existing.equals(abs) ? "it" : existing.toString())
                                + " is a file, not a directory");
            }
            Files.createDirectories(abs);
            Files.delete(Files.createTempFile(abs, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw new UserInputException("cannot write run directory " + dir + ": " + reason(e));
        } finally {
            removeCreated(abs, firstMissing);
        }
    }

    /**
     * Deletes the (empty) folders from {@code dir} up to {@code top}, the first one that did not
     * exist.
     */
    private static void removeCreated(Path dir, Path top) {
        if (top == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty or not ours to delete: leave it
            }
        }
    }

    /** What went wrong, in words, with the path it happened to. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String file = f.getFile();
            String why =
                    e instanceof AccessDeniedException
                            ? "permission denied"
                            : e instanceof FileAlreadyExistsException
                                            || e instanceof NotDirectoryException
                                    ? "is not a directory"
                                    : e instanceof NoSuchFileException
                                            ? "does not exist"
                                            : f.getReason() != null
                                                    ? f.getReason()
                                                    : e.getClass().getSimpleName();
            return file == null ? why : file + ": " + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
