package dev.frontier.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The log file of this process: engine warnings (DJL and ONNX Runtime log through slf4j-simple,
 * levels in {@code simplelogger.properties}) and the stack trace of an internal error go there, not
 * to the terminal or a notebook. One file per process: {@code -Dfrontier.log.file} (the {@code
 * frontier} launcher sets it, and appends libtorch's native warnings when the JVM ends), else
 * {@code frontier-<date>-<time>-<pid>.log} in {@code -Dfrontier.log.dir}, else {@code
 * $FRONTIER_LOG_DIR}, else {@code ~/.frontier/logs}. A file left empty is deleted when the process
 * ends; the directory keeps the newest {@value #KEEP}. {@code
 * -Dorg.slf4j.simpleLogger.logFile=System.err} logs to standard error instead (worker processes do:
 * theirs is their log file).
 */
public final class ProcessLog {
    /** The slf4j-simple property naming where it writes. */
    public static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    /** The system property naming the log file. */
    public static final String FILE_PROPERTY = "frontier.log.file";

    /** The system property naming the log directory. */
    public static final String DIR_PROPERTY = "frontier.log.dir";

    /** Log files kept in the directory. */
    static final int KEEP = 50;

    private ProcessLog() {}

    /**
     * Points slf4j-simple at this process's log file unless something already chose where it
     * writes; call it before the engines load (slf4j reads the setting once). Returns the log file,
     * empty when logs go to a stream.
     */
    public static Optional<Path> configure() {
        synchronized (ProcessLog.class) {
            if (System.getProperty(LOG_FILE_PROPERTY) == null) {
                String given = System.getProperty(FILE_PROPERTY, "");
                Optional<Path> file =
                        create(given.isBlank() ? directory().resolve(newName()) : Path.of(given));
                System.setProperty(
                        LOG_FILE_PROPERTY, file.map(Path::toString).orElse("System.err"));
                file.ifPresent(
                        f ->
                                Runtime.getRuntime()
                                        .addShutdownHook(new Thread(() -> deleteIfEmpty(f))));
            }
        }
        return file();
    }

    /**
     * The file slf4j-simple is set to write to; empty when it writes to a stream or nothing chose
     * yet.
     */
    public static Optional<Path> file() {
        String v = System.getProperty(LOG_FILE_PROPERTY);
        return v == null || v.isBlank() || v.equals("System.err") || v.equals("System.out")
                ? Optional.empty()
                : Optional.of(Path.of(v));
    }

    /**
     * The log directory: {@code -Dfrontier.log.dir}, else {@code $FRONTIER_LOG_DIR}, else {@code
     * ~/.frontier/logs}.
     */
    static Path directory() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("FRONTIER_LOG_DIR");
        }
        if (dir == null || dir.isBlank()) {
            return Path.of(System.getProperty("user.home"), ".frontier", "logs");
        }
        return Path.of(dir);
    }

    /** {@code frontier-<date>-<time>-<pid>.log}: sorted by name, the newest last. */
    static String newName() {
        String stamp =
                LocalDateTime.now()
                        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return "frontier-" + stamp + "-" + ProcessHandle.current().pid() + ".log";
    }

    /**
     * Creates {@code file} (empty) and its directory, pruning old logs; empty when it cannot be
     * written.
     */
    static Optional<Path> create(Path file) {
        Path f = file.toAbsolutePath();
        try {
            Files.createDirectories(f.getParent());
            prune(f.getParent(), KEEP - 1);
            Files.deleteIfExists(f);
            return Optional.of(Files.createFile(f));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Deletes all but the newest {@code keep} {@code frontier-*.log} files of {@code dir}. */
    static void prune(Path dir, int keep) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs =
                    s.filter(p -> p.getFileName().toString().matches("frontier-.*\\.log"))
                            .sorted(
                                    Comparator.comparing((Path p) -> p.getFileName().toString())
                                            .reversed())
                            .toList();
        }
        for (Path old : logs.subList(Math.min(keep, logs.size()), logs.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static void deleteIfEmpty(Path f) {
        try {
            if (Files.size(f) == 0) {
                Files.delete(f);
            }
        } catch (IOException e) {
            // already gone, or not ours to delete
        }
    }
}
