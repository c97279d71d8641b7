package dev.frontier.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What data a run wants: dataset name, optional explicit directory, how many training images
 * ({@code limit}, 0 = all), test images ({@code testLimit}, 0 = all), the fraction of the training
 * pool held out for validation, the split seed, whether fetching is allowed, and the user's own
 * dataset when it is one ({@code user}; then {@code name} only labels it).
 */
public record DataRequest(
        String name,
        Optional<Path> path,
        int limit,
        int testLimit,
        double validationFraction,
        long splitSeed,
        boolean allowFetch,
        Optional<UserDataset> user) {
    public DataRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(user, "user");
        if (limit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limit and testLimit must be >= 0 (0 = all)");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException(
                    "validationFraction must be in [0, 1), got " + validationFraction);
        }
    }

    /** A request for a built-in dataset. */
    public DataRequest(
            String name,
            Optional<Path> path,
            int limit,
            int testLimit,
            double validationFraction,
            long splitSeed,
            boolean allowFetch) {
        this(
                name,
                path,
                limit,
                testLimit,
                validationFraction,
                splitSeed,
                allowFetch,
                Optional.empty());
    }

    /** A request for the user's dataset {@code u}, labelled {@code name}. */
    public static DataRequest of(String name, UserDataset u) {
        return new DataRequest(name, Optional.empty(), 0, 0, 0.1, 42, false, Optional.of(u));
    }

    /** All of a dataset, 10% validation, split seed 42, fetching allowed. */
    public static DataRequest of(String name) {
        return new DataRequest(name, Optional.empty(), 0, 0, 0.1, 42, true);
    }

    public DataRequest withLimit(int newLimit) {
        return new DataRequest(
                name, path, newLimit, testLimit, validationFraction, splitSeed, allowFetch, user);
    }

    public DataRequest withTestLimit(int newLimit) {
        return new DataRequest(
                name, path, limit, newLimit, validationFraction, splitSeed, allowFetch, user);
    }

    public DataRequest withPath(Path dir) {
        return new DataRequest(
                name,
                Optional.of(dir),
                limit,
                testLimit,
                validationFraction,
                splitSeed,
                allowFetch,
                user);
    }

    public DataRequest withSplit(double fraction, long seed) {
        return new DataRequest(name, path, limit, testLimit, fraction, seed, allowFetch, user);
    }
}
