package dev.frontier.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An MLflow tracking URI Frontier can write to: a {@code file:} store (the default, {@code
 * file:./mlruns}) or an {@code http(s)://} MLflow server.
 *
 * @param value the URI as given, e.g. {@code file:./mlruns} or {@code http://127.0.0.1:5000}
 */
public record TrackingUri(String value) {

    /** The environment variable that overrides the sweep config's tracking URI. */
    public static final String ENV = "MLFLOW_TRACKING_URI";

    /** The default: an embedded file store in the working directory. */
    public static final TrackingUri DEFAULT = new TrackingUri("file:./mlruns");

    /** Checks that the URI is a file path or an http(s) address. */
    public TrackingUri {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("tracking URI must not be blank");
        }
        value = value.strip();
        String scheme = scheme(value);
        if (!scheme.isEmpty()
                && !scheme.equals("file")
                && !scheme.equals("http")
                && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "tracking URI '"
                            + value
                            + "' has scheme '"
                            + scheme
                            + "'; Frontier writes to file: stores (e.g. file:./mlruns) and http(s):// MLflow servers."
                            + " For a database, run `mlflow server --backend-store-uri "
                            + value
                            + "` and use its http address");
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
     * Returns true for a file store (a {@code file:} URI or a plain path).
     *
     * @return whether this is a file store
     */
    public boolean isFile() {
        return !isHttp();
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
     * @throws IllegalStateException if this is an http URI
     */
    public Path directory(Path workingDir) {
        if (isHttp()) {
            throw new IllegalStateException(
                    "tracking URI " + value + " is a server, not a file store");
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
     * @throws IllegalStateException if this is a file store
     */
    public URI serverBase() {
        if (!isHttp()) {
            throw new IllegalStateException(
                    "tracking URI " + value + " is a file store, not a server");
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
