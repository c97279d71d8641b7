package dev.frontier.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a user's dataset is stored: its YAML name and whether it carries its own test split. */
public enum DataFormat {
    /** One sub-folder per class holding PNG/JPEG files; classes sorted by folder name. */
    IMAGEFOLDER,
    /** A CSV table: numeric feature columns and one label column. */
    CSV,
    /** A folder of the four MNIST-style IDX files (train and test, images and labels). */
    IDX,
    /** CIFAR-10's binary batches: data_batch_*.bin (train) and test_batch.bin (test). */
    CIFAR;

    /** The name used in YAML: lower case. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every YAML name, in declaration order. */
    public static List<String> yamlNames() {
        return Arrays.stream(values()).map(DataFormat::yamlName).toList();
    }

    /** The format called {@code name} in YAML, if any. */
    public static Optional<DataFormat> parse(String name) {
        return Arrays.stream(values()).filter(f -> f.yamlName().equals(name)).findFirst();
    }

    /**
     * Whether the format's files include a test split (IDX, CIFAR); otherwise one is held out or
     * read from testPath.
     */
    public boolean hasOwnTestSplit() {
        return this == IDX || this == CIFAR;
    }

    /** Whether the examples are images (normalized by one mean and std) rather than table rows. */
    public boolean isImage() {
        return this != CSV;
    }
}
