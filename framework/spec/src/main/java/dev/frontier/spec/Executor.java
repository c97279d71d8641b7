package dev.frontier.spec;

import java.util.Map;
import java.util.Objects;

/**
 * Where a sweep's training stages run (the sweep file's {@code executor} section): {@code local}
 * worker processes (the default) or a {@code spark} cluster at {@code master}, with {@code conf}
 * passed to Spark unchanged. It says how to run, not what to compute: it is not part of {@link
 * Sweep}, its canonical form, its hash or any stage key; {@link SpecReader#executor} reads it.
 *
 * @param kind {@code local} or {@code spark}
 * @param master the cluster's address (empty for local)
 * @param conf engine settings, e.g. {@code spark.authenticate: true}
 */
public record Executor(String kind, String master, Map<String, String> conf) {
    /** Stages run in local worker processes. */
    public static final Executor LOCAL = new Executor("local", "", Map.of());

    public Executor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(master, "master");
        conf = Map.copyOf(conf);
    }
}
