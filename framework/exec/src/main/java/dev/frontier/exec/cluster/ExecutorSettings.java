package dev.frontier.exec.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * Where a sweep's stages run: {@code kind} names an executor ({@code local}: the worker pool;
 * {@code spark}: a Spark cluster, with frontier-spark on the class path), {@code master} its
 * address, {@code conf} settings passed through to the engine unchanged (for Spark: {@code
 * spark.authenticate}, {@code spark.network.crypto.enabled} and the like).
 */
public record ExecutorSettings(String kind, String master, Map<String, String> conf) {
    /** The default: stages run on this machine. */
    public static final ExecutorSettings LOCAL = new ExecutorSettings("local", "", Map.of());

    public ExecutorSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(master, "master");
        conf = Map.copyOf(conf);
    }

    /** A Spark cluster at {@code master} (for example {@code spark://host:7077}). */
    public static ExecutorSettings spark(String master, Map<String, String> conf) {
        return new ExecutorSettings("spark", master, conf);
    }

    /** True for the local worker pool. */
    public boolean local() {
        return kind.equals("local");
    }
}
