package dev.frontier.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An MLflow tracking URI Frontier can write to: a {@code sqlite:} database in MLflow's schema (the
 * default, {@code sqlite:///mlruns.db}), a {@code file:} store or an {@code http(s)://} MLflow
 * server.
 *
 * @param value the URI as given, e.g. {@code sqlite:///mlruns.db}, {@code file:./mlruns} or {@code
 *     http://127.0.0.1:5000}
 */
public record TrackingUri(String value) {

    /** The environment variable that overrides the sweep config's tracking URI. */
    public static final String ENV = "MLFLOW_TRACKING_URI";

    /**
     * The default: an embedded SQLite store, {@code mlruns.db} in the working directory, which
     * MLflow's Python client and {@code mlflow ui} read as they are.
     */
    public static final TrackingUri DEFAULT = new TrackingUri("sqlite:///mlruns.db");

    private static final String SQLITE_PREFIX = "sqlite:///";

    /** Checks that the URI is a SQLite database, a file path or an http(s) address. */
    public TrackingUri {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("tracking URI must not be blank");
        }
        value = value.strip();
        String scheme = scheme(value);
        if (!scheme.isEmpty()
                && !scheme.equals("file")
                && !scheme.equals("sqlite")
                && !scheme.equals("http")
                && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "tracking URI '"
                            + value
                            + "' has scheme '"
                            + scheme
                            + "'; Frontier writes to sqlite: databases (e.g. sqlite:///mlruns.db),"
                            + " file: stores (e.g. file:./mlruns) and http(s):// MLflow servers."
                            + " For another database, run `mlflow server --backend-store-uri "
                            + value
                            + "` and use its http address");
        }
        if (scheme.equals("sqlite")
                && (!value.startsWith(SQLITE_PREFIX)
                        || value.length() == SQLITE_PREFIX.length()
                        || value.endsWith("/"))) {
            throw new IllegalArgumentException(
                    "tracking URI '"
                            + value
                            + "' is not a SQLite database file; write sqlite:///relative/path.db"
                            + " or sqlite:////absolute/path.db");
        }
        if (isHttpScheme(scheme)) {
            URI uri = URI.create(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("tracking URI '" + value + "' has no host");
            }
        }
    }

    /**
     * Resolves the tracking URI: the {@code MLFLOW_TRACKING_URI} environment variable if set, else
     * the sweep config's value if given, else {@link #DEFAULT}.
     *
     * @param configValue the sweep config's {@code tracking_uri}, if any
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the URI in force
     */
    public static TrackingUri resolve(Optional<String> configValue, Map<String, String> env) {
        Objects.requireNonNull(configValue, "configValue");
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new TrackingUri(fromEnv);
        }
        return configValue.filter(v -> !v.isBlank()).map(TrackingUri::new).orElse(DEFAULT);
    }

    /**
     * Returns a {@code file:} URI for a local directory.
     *
     * @param dir the store's root directory
     * @return its URI
     */
    public static TrackingUri ofDirectory(Path dir) {
        return new TrackingUri(dir.toAbsolutePath().normalize().toUri().toString());
    }

    /**
     * Returns a {@code sqlite:} URI for a database file.
     *
     * @param file the database file
     * @return its URI, e.g. {@code sqlite:////work/mlruns.db}
     */
    public static TrackingUri ofDatabase(Path file) {
        String path = file.toAbsolutePath().normalize().toString().replace('\\', '/');
        return new TrackingUri(SQLITE_PREFIX + (path.startsWith("/") ? path : "/" + path));
    }

    /**
     * Returns true for a file store (a {@code file:} URI or a plain path).
     *
     * @return whether this is a file store
     */
    public boolean isFile() {
        String scheme = scheme(value);
        return scheme.isEmpty() || scheme.equals("file");
    }

    /**
     * Returns true for a SQLite database in MLflow's schema.
     *
     * @return whether the scheme is sqlite
     */
    public boolean isSqlite() {
        return scheme(value).equals("sqlite");
    }

    /**
     * Returns true for a store on this machine: a SQLite database or a file store.
     *
     * @return whether this is not a server
     */
    public boolean isLocal() {
        return !isHttp();
    }

    /**
     * Returns the SQLite database file, resolving a relative path ({@code sqlite:///x.db}) against
     * {@code workingDir}; {@code sqlite:////abs/x.db} is absolute.
     *
     * @param workingDir the directory relative paths start from
     * @return the absolute database file
     * @throws IllegalStateException if this is not a sqlite URI
     */
    public Path databaseFile(Path workingDir) {
        if (!isSqlite()) {
            throw new IllegalStateException("tracking URI " + value + " is not a SQLite database");
        }
        return workingDir
                .resolve(Path.of(value.substring(SQLITE_PREFIX.length())))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Returns true for an MLflow server.
     *
     * @return whether the scheme is http or https
     */
    public boolean isHttp() {
        return isHttpScheme(scheme(value));
    }

    /**
     * Returns the file store's root directory, resolving a relative path against {@code
     * workingDir}.
     *
     * @param workingDir the directory relative paths start from
     * @return the absolute root directory
     * @throws IllegalStateException if this is not a file URI
     */
    public Path directory(Path workingDir) {
        if (!isFile()) {
            throw new IllegalStateException("tracking URI " + value + " is not a file store");
        }
        Path path;
        if (value.startsWith("file://")) {
            path = Path.of(URI.create(value));
        } else {
            path = Path.of(value.startsWith("file:") ? value.substring("file:".length()) : value);
        }
        return workingDir.resolve(path).toAbsolutePath().normalize();
    }

    /**
     * Returns the server's base URI with no trailing slash.
     *
     * @return the base, e.g. {@code http://127.0.0.1:5000}
     * @throws IllegalStateException if this is a local store
     */
    public URI serverBase() {
        if (!isHttp()) {
            throw new IllegalStateException(
                    "tracking URI " + value + " is a local store, not a server");
        }
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String scheme(String value) {
        int colon = value.indexOf(':');
        // "C:\..." is a Windows path, not a scheme.
        if (colon <= 1 || !value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return "";
        }
        return value.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static boolean isHttpScheme(String scheme) {
        return scheme.equals("http") || scheme.equals("https");
    }
}
