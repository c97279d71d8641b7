package dev.frontier.tracking.store;

import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the store a tracking URI names: a {@link FileStore} for {@code file:}, a {@link RestStore}
 * for http(s).
 */
public final class TrackingStores {

    private TrackingStores() {}

    /**
     * Opens the store for {@code uri}, with default retries and credentials from {@code env}.
     *
     * @param uri the tracking URI
     * @param workingDir the directory relative {@code file:} paths start from
     * @param env the environment, e.g. {@code System.getenv()}
     * @return the store
     */
    public static TrackingStore open(TrackingUri uri, Path workingDir, Map<String, String> env) {
        return uri.isFile()
                ? FileStore.open(uri.directory(workingDir))
                : RestStore.open(uri, RetryPolicy.defaults(), env);
    }
}
