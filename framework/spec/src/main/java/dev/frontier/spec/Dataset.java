package dev.frontier.spec;

import dev.frontier.data.DataFormat;
import dev.frontier.data.UserDataset;
import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data a sweep trains and evaluates on: a built-in dataset by name, or the user's own files
 * ({@code user}).
 *
 * @param name a {@link Catalog} dataset name, or the label of the user's dataset
 * @param limit how many training examples to use, 0 for all of them
 * @param splitSeed seed of the train/validation split (and of the held-out test split of user data
 *     without one)
 * @param validation fraction of the training examples held out for validation, in [0, 1)
 * @param user the user's dataset (path, format, shaping), empty for a built-in one
 */
public record Dataset(
        String name, int limit, long splitSeed, double validation, Optional<UserDataset> user) {

    /** The validation fraction used when none is given: 0.1. */
    public static final double DEFAULT_VALIDATION = 0.1;

    /**
     * Training examples assumed for planning estimates of a user dataset without a limit (its size
     * is known on load).
     */
    public static final int USER_EXAMPLES_ESTIMATE = 10_000;

    /** Defaults: all examples, split seed 0, 10% validation. */
    public static Dataset of(String name) {
        return new Dataset(name, 0, 0, DEFAULT_VALIDATION);
    }

    /** A built-in dataset. */
    public Dataset(String name, int limit, long splitSeed, double validation) {
        this(name, limit, splitSeed, validation, Optional.empty());
    }

    /**
     * Checks that a built-in name is known, the limit is not negative, the validation fraction is
     * in [0, 1), and that the user's dataset declares only what its format uses.
     */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        Checks c = new Checks();
        if (user.isEmpty()) {
            c.require(
                    Catalog.datasetNames().contains(name),
                    "name",
                    "found '"
                            + name
                            + "', expected one of "
                            + String.join(", ", Catalog.datasetNames())
                            + Suggestions.didYouMean(name, Catalog.datasetNames()));
        } else {
            c.require(
                    !name.isBlank(),
                    "name",
                    "found an empty name, expected a label for the dataset");
            check(c, user.get());
        }
        c.value("limit", limit, l -> l >= 0, "a count >= 0 (0 uses every example)")
                .value("validation", validation, Limits.VALIDATION_FRACTION, "a fraction")
                .done();
    }

    private static void check(Checks c, UserDataset u) {
        DataFormat f = u.format();
        c.require(
                u.path().isAbsolute(),
                "path",
                "found relative path " + u.path() + ", expected it resolved");
        c.value("test", u.test(), Limits.TEST_FRACTION, "a fraction");
        c.require(
                u.test() == UserDataset.DEFAULT_TEST || !f.hasOwnTestSplit(),
                "test",
                "found "
                        + Values.show(u.test())
                        + ", but "
                        + f.yamlName()
                        + " data has its own test split (leave test out)");
        c.require(
                u.testPath().isEmpty() || u.test() == UserDataset.DEFAULT_TEST,
                "test",
                "found both test and testPath, expected one way to make the test split");
        c.require(
                u.testPath().isEmpty() || f != DataFormat.IDX,
                "testPath",
                "found a testPath, but an idx folder holds its own test files (t10k-*)");
        c.require(
                u.label().equals(UserDataset.DEFAULT_LABEL) || f == DataFormat.CSV,
                "label",
                "found '" + u.label() + "', but only csv data has a label column");
        c.require(
                !u.label().isBlank(),
                "label",
                "found an empty column name, expected the label column");
        c.require(
                List.of(0, 1, 3).contains(u.channels()),
                "channels",
                "found " + u.channels() + ", expected 1 (gray) or 3 (RGB)");
        c.require(
                u.channels() == 0 || f.isImage(),
                "channels",
                "found " + u.channels() + ", but csv rows are not images");
        c.require(
                !u.resizes() || f.isImage(),
                "resize",
                "found a resize, but csv rows are not images");
        if (u.resizes() || u.cols() > 0) {
            c.value("resize[0]", u.rows(), Limits.IMAGE_SIDE, "a height in pixels");
            c.value("resize[1]", u.cols(), Limits.IMAGE_SIDE, "a width in pixels");
        }
        c.require(
                u.mean().isPresent() == u.std().isPresent(),
                u.mean().isPresent() ? "std" : "mean",
                "missing, expected mean and std together (or neither: computed on the training split)");
        c.require(
                u.mean().isEmpty() || f.isImage(),
                "mean",
                "found a mean, but csv columns are standardized on the training split each");
        u.std().ifPresent(s -> c.value("std", s, Limits.NORMALIZATION_STD, "a standard deviation"));
    }

    /**
     * The number of training examples after the limit and the validation split (an estimate for
     * unlimited user data).
     */
    public int trainExamples() {
        int used;
        if (user.isPresent()) {
            used = limit == 0 ? USER_EXAMPLES_ESTIMATE : limit;
        } else {
            int total = Catalog.dataset(name).orElseThrow().trainSize();
            used = limit == 0 ? total : Math.min(limit, total);
        }
        return (int) Math.round(used * (1 - validation));
    }

    /** The number of test examples (an estimate for user data). */
    public int testExamples() {
        return user.isPresent()
                ? USER_EXAMPLES_ESTIMATE / 5
                : Catalog.dataset(name).orElseThrow().testSize();
    }
}
