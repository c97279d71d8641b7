package dev.frontier.spec;

import dev.frontier.limits.Limits;
import dev.frontier.zoo.ModelCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset and model names a sweep may use ({@link Limits#DATASET_NAMES}; models are those
 * registered in {@link ModelCatalog}, found with {@code ServiceLoader}, which the engines build
 * from), with the sizes and relative costs the planner needs. Immutable.
 */
public final class Catalog {

    /** A known dataset: its name and the number of training and test examples in full. */
    public record DatasetInfo(String name, int trainSize, int testSize) {}

    /** A known model: its name and its training cost per example relative to {@code lenet5}. */
    public record ModelInfo(String name, double relativeCost) {}

    private static final Map<String, DatasetInfo> DATASETS =
            Map.of(
                    "fashion-mnist",
                    new DatasetInfo("fashion-mnist", 60_000, 10_000),
                    "mnist",
                    new DatasetInfo("mnist", 60_000, 10_000),
                    Limits.SYNTHETIC_DATASET,
                    new DatasetInfo(Limits.SYNTHETIC_DATASET, 6_000, 1_000));

    private Catalog() {}

    /** Dataset names in a fixed order: fashion-mnist, mnist, synthetic. */
    public static List<String> datasetNames() {
        return Limits.DATASET_NAMES;
    }

    /** Registered model names, built-ins first (mlp, lenet5, cnn, resnet8, resnet20, mobilenet). */
    public static List<String> modelNames() {
        return ModelCatalog.standard().names();
    }

    /** The dataset called {@code name}, if known. */
    public static Optional<DatasetInfo> dataset(String name) {
        return Optional.ofNullable(DATASETS.get(name));
    }

    /** The model called {@code name}, if known. */
    public static Optional<ModelInfo> model(String name) {
        return ModelCatalog.standard()
                .find(name)
                .map(e -> new ModelInfo(e.name(), e.relativeCost()));
    }
}
