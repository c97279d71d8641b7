package dev.frontier.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A dataset the user brings: where it is, how it is stored and how to shape it. Paths are absolute
 * once a sweep is read. Checked for sense by the sweep reader; the files themselves are checked
 * when loaded ({@link UserDatasets#load}).
 *
 * @param path the image folder, CSV file, or folder of IDX / CIFAR-10 files
 * @param format how the files are stored
 * @param testPath a separate test split (an image folder or CSV file like {@code path}); empty:
 *     formats with their own test files use them, others hold out {@code test} of the examples
 * @param test the fraction held out as the test split when there is no test file, in (0, 1)
 * @param label the CSV label column
 * @param channels image channels to convert to (1 gray, 3 RGB), 0 as stored (gray when every image
 *     is)
 * @param rows image height to resize to, 0 keeps the stored size (which must then be the same
 *     everywhere)
 * @param cols image width to resize to, 0 with rows
 * @param mean the normalization mean of pixel/255; empty: computed on the training split
 * @param std the normalization standard deviation; empty: computed on the training split
 */
public record UserDataset(
        Path path,
        DataFormat format,
        Optional<Path> testPath,
        double test,
        String label,
        int channels,
        int rows,
        int cols,
        Optional<Double> mean,
        Optional<Double> std) {

    /** The test fraction held out when the data has no test split: 0.2. */
    public static final double DEFAULT_TEST = 0.2;

    /** The CSV label column when none is named: {@code label}. */
    public static final String DEFAULT_LABEL = "label";

    public UserDataset {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(testPath, "testPath");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
    }

    /**
     * {@code path} in {@code format} with every default: held-out test 0.2, label column {@code
     * label}, no resize.
     */
    public static UserDataset of(Path path, DataFormat format) {
        return new UserDataset(
                path,
                format,
                Optional.empty(),
                DEFAULT_TEST,
                DEFAULT_LABEL,
                0,
                0,
                0,
                Optional.empty(),
                Optional.empty());
    }

    /** Whether images are resized to {@code rows x cols}. */
    public boolean resizes() {
        return rows > 0;
    }

    /** A copy resized to {@code r x c} (0 x 0: no resize). */
    public UserDataset withResize(int r, int c) {
        return new UserDataset(path, format, testPath, test, label, channels, r, c, mean, std);
    }

    /** A copy converting images to {@code n} channels (0: as stored). */
    public UserDataset withChannels(int n) {
        return new UserDataset(path, format, testPath, test, label, n, rows, cols, mean, std);
    }

    /** A copy reading the test split from {@code p}. */
    public UserDataset withTestPath(Path p) {
        return new UserDataset(
                path, format, Optional.of(p), test, label, channels, rows, cols, mean, std);
    }

    /** A copy holding out {@code fraction} as the test split. */
    public UserDataset withTest(double fraction) {
        return new UserDataset(
                path, format, testPath, fraction, label, channels, rows, cols, mean, std);
    }

    /** A copy with the CSV label column {@code column}. */
    public UserDataset withLabel(String column) {
        return new UserDataset(
                path, format, testPath, test, column, channels, rows, cols, mean, std);
    }

    /** A copy normalizing with the given mean and standard deviation. */
    public UserDataset withNormalization(double m, double s) {
        return new UserDataset(
                path,
                format,
                testPath,
                test,
                label,
                channels,
                rows,
                cols,
                Optional.of(m),
                Optional.of(s));
    }
}
