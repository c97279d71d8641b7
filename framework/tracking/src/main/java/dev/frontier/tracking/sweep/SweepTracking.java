package dev.frontier.tracking.sweep;

import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import dev.frontier.tracking.store.TrackingStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stores a sweep is tracked in: a local store (SQLite or file) that always receives everything,
 * and, when the tracking URI is a server, that server as a best-effort mirror.
 *
 * @param local the local store written first
 * @param mirror the server mirrored to, empty for a local tracking URI
 * @param clock the clock for run and metric times
 */
public record SweepTracking(LocalStore local, Optional<TrackingStore> mirror, Clock clock)
        implements AutoCloseable {

    /** Checks that the parts are present. */
    public SweepTracking {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the stores for a tracking URI: a {@code sqlite:} or {@code file:} URI is the local
     * store itself; for an http(s) URI the local store is the file store {@code bufferDir} (e.g.
     * the run directory's {@code mlruns}) and the server the mirror.
     *
     * @param uri the tracking URI in force (see {@link TrackingUri#resolve})
     * @param workingDir the directory a relative {@code sqlite:} or {@code file:} URI is resolved
     *     against
     * @param bufferDir the local store in front of a server
     * @param env the environment, for server credentials
     * @param clock the clock
     * @return the stores
     */
    public static SweepTracking open(
            TrackingUri uri,
            Path workingDir,
            Path bufferDir,
            Map<String, String> env,
            Clock clock) {
        String user = System.getProperty("user.name", "frontier");
        if (uri.isLocal()) {
            return new SweepTracking(
                    TrackingStores.openLocal(uri, workingDir, clock, user),
                    Optional.empty(),
                    clock);
        }
        return new SweepTracking(
                FileStore.open(bufferDir, clock, user),
                Optional.of(RestStore.open(uri, RetryPolicy.defaults(), env)),
                clock);
    }

    @Override
    public void close() {
        local.close();
        mirror.ifPresent(TrackingStore::close);
    }
}
