package dev.frontier.cli;

import dev.frontier.data.DataLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir DIR} for commands that load data deep inside (sweeps, their worker processes,
 * benches): the folder becomes the data locator's explicit path for the command's duration, through
 * the system property {@link DataLocator#DATA_DIR_PROPERTY} (which worker processes get as a {@code
 * -D} flag).
 */
public final class DataDirOption {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "folder holding the dataset's IDX files, or a folder holding <dataset>/ (searched first; "
                            + "else $FRONTIER_DATA/<dataset>, datasets/<dataset>, /usr/share/datasets/<dataset>)")
    Path dir;

    /** The folder given, checked to be a directory; empty when the option was not given. */
    Optional<Path> dir() {
        return Optional.ofNullable(dir).map(DataDirOption::checked);
    }

    /** {@code d} when it is a directory; otherwise a user error saying what it is. */
    static Path checked(Path d) {
        if (!Files.exists(d)) {
            throw new UserInputException("--data-dir " + d + ": no such directory");
        }
        if (!Files.isDirectory(d)) {
            throw new UserInputException(
                    "--data-dir "
                            + d
                            + ": is a file, expected the directory holding the dataset's files");
        }
        return d;
    }

    /**
     * Runs {@code body} with the folder (when given) as the explicit data path, restoring the
     * property after.
     */
    <T> T around(Callable<T> body) throws Exception {
        Optional<Path> d = dir();
        if (d.isEmpty()) {
            return body.call();
        }
        String before = System.getProperty(DataLocator.DATA_DIR_PROPERTY);
        System.setProperty(DataLocator.DATA_DIR_PROPERTY, d.get().toAbsolutePath().toString());
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(DataLocator.DATA_DIR_PROPERTY);
            } else {
                System.setProperty(DataLocator.DATA_DIR_PROPERTY, before);
            }
        }
    }
}
