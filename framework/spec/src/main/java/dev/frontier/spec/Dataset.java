package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Objects;

/**
 * The data a sweep trains and evaluates on.
 *
 * @param name       a {@link Catalog} dataset name
 * @param limit      how many training examples to use, 0 for all of them
 * @param splitSeed  seed of the train/validation split
 * @param validation fraction of the training examples held out for validation, in [0, 1)
 */
public record Dataset(String name, int limit, long splitSeed, double validation) {

    /** The validation fraction used when none is given: 0.1. */
    public static final double DEFAULT_VALIDATION = 0.1;

    /** Defaults: all examples, split seed 0, 10% validation. */
    public static Dataset of(String name) {
        return new Dataset(name, 0, 0, DEFAULT_VALIDATION);
    }

    /** Checks that the name is known, the limit is not negative and the validation fraction is in [0, 1). */
    public Dataset {
        Objects.requireNonNull(name, "name");
        new Checks()
                .require(Catalog.datasetNames().contains(name), "name", "found '" + name + "', expected one of "
                        + String.join(", ", Catalog.datasetNames()) + Suggestions.didYouMean(name, Catalog.datasetNames()))
                .value("limit", limit, l -> l >= 0, "a count >= 0 (0 uses every example)")
                .value("validation", validation, Limits.VALIDATION_FRACTION, "a fraction")
                .done();
    }

    /** The number of training examples after the limit and the validation split. */
    public int trainExamples() {
        int total = Catalog.dataset(name).orElseThrow().trainSize();
        int used = limit == 0 ? total : Math.min(limit, total);
        return (int) Math.round(used * (1 - validation));
    }
}
