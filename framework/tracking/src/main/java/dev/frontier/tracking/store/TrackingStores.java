package dev.frontier.tracking.store;

import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Opens the store a tracking URI names: a {@link SqliteStore} for {@code sqlite:} (the default), a
 * {@link FileStore} for {@code file:}, a {@link RestStore} for http(s).
 */
public final class TrackingStores {

    private TrackingStores() {}

    /**
     * Opens the store for {@code uri}, with default retries and credentials from {@code env}.
     *
     * @param uri the tracking URI
     * @param workingDir the directory relative {@code sqlite:} and {@code file:} paths start from
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the store
     */
    public static TrackingStore open(TrackingUri uri, Path workingDir, Map<String, String> env) {
        return uri.isLocal()
                ? openLocal(
                        uri,
                        workingDir,
                        Clock.systemUTC(),
                        System.getProperty("user.name", "frontier"))
                : RestStore.open(uri, RetryPolicy.defaults(), env);
    }

    /**
     * Opens the local store a {@code sqlite:} or {@code file:} URI names.
     *
     * @param uri the tracking URI
     * @param workingDir the directory relative paths start from
     * @param clock the clock for experiment creation times
     * @param user the user recorded on runs
     * @return the store
     * @throws IllegalArgumentException for an http(s) URI
     */
    public static LocalStore openLocal(TrackingUri uri, Path workingDir, Clock clock, String user) {
        if (uri.isSqlite()) {
            return SqliteStore.open(uri.databaseFile(workingDir), clock, user);
        }
        if (uri.isFile()) {
            return FileStore.open(uri.directory(workingDir), clock, user);
        }
        throw new IllegalArgumentException(
                "tracking URI " + uri + " is a server, not a store on this machine");
    }

    /**
     * Opens the local store at a path: a directory is a file store (e.g. {@code ./mlruns}), a file
     * a SQLite database (e.g. {@code ./mlruns.db}).
     *
     * @param path the store
     * @return the store
     * @throws IllegalArgumentException if nothing is there, naming the path
     */
    public static LocalStore openPath(Path path) {
        if (Files.isDirectory(path)) {
            return FileStore.open(path);
        }
        if (Files.isRegularFile(path)) {
            return SqliteStore.open(path);
        }
        throw new IllegalArgumentException(
                path.toAbsolutePath()
                        + ": no such store (a SQLite database such as mlruns.db, or an MLflow"
                        + " file store directory such as mlruns)");
    }
}
