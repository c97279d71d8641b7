package dev.frontier.cli;

import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Dataset options shared by training and evaluation. */
public final class DataOptions {
    @Option(
            names = "--dataset",
            defaultValue = "fashion-mnist",
            description = "fashion-mnist | mnist | synthetic (default: ${DEFAULT-VALUE})")
    String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "folder holding the dataset's IDX files, or a folder holding <dataset>/ (else the standard search order)")
    Path dataDir;

    @Option(names = "--limit", defaultValue = "0", description = "training images to use (0 = all)")
    int limit;

    @Option(
            names = "--test-limit",
            defaultValue = "0",
            description = "test images to use (0 = all)")
    int testLimit;

    @Option(
            names = "--val-fraction",
            defaultValue = "0.1",
            description =
                    "share of the training pool held out for validation (default: ${DEFAULT-VALUE})")
    double valFraction;

    @Option(
            names = "--split-seed",
            defaultValue = "42",
            description = "seed of the train/validation split")
    long splitSeed;

    /** The request these options describe. */
    public DataRequest request() {
        return UserInputException.check(
                "data options",
                () ->
                        new DataRequest(
                                dataset,
                                Optional.ofNullable(dataDir).map(DataDirOption::checked),
                                limit,
                                testLimit,
                                valFraction,
                                splitSeed,
                                true));
    }

    /** Loads the data, printing where it came from. */
    public DataSplits load() {
        return load(request());
    }

    /** Loads {@code r}'s data, printing where it came from and the split sizes. */
    static DataSplits load(DataRequest r) {
        DataSplits d = Datasets.standard(r, System.out::println).load(r);
        System.out.printf(
                "data: %s from %s (train %d, validation %d, test %d)%n",
                d.name(), d.source(), d.train().size(), d.validation().size(), d.test().size());
        return d;
    }
}
