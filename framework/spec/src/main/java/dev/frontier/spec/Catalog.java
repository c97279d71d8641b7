package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset and model names a sweep may use ({@link Limits#DATASET_NAMES}, {@link Limits#MODEL_NAMES}, which the
 * engines check too), with the sizes and relative costs the planner needs (a test holds them to cover exactly those
 * names). Immutable.
 */
public final class Catalog {

    /** A known dataset: its name and the number of training and test examples in full. */
    public record DatasetInfo(String name, int trainSize, int testSize) {
    }

    /** A known model: its name and its training cost per example relative to {@code lenet5}. */
    public record ModelInfo(String name, double relativeCost) {
    }

    private static final Map<String, DatasetInfo> DATASETS = Map.of(
            "fashion-mnist", new DatasetInfo("fashion-mnist", 60_000, 10_000),
            "mnist", new DatasetInfo("mnist", 60_000, 10_000),
            Limits.SYNTHETIC_DATASET, new DatasetInfo(Limits.SYNTHETIC_DATASET, 6_000, 1_000));

    private static final Map<String, ModelInfo> MODELS = Map.of(
            "mlp", new ModelInfo("mlp", 0.5),
            "lenet5", new ModelInfo("lenet5", 1.0),
            "cnn", new ModelInfo("cnn", 2.0),
            "resnet8", new ModelInfo("resnet8", 6.0));

    private Catalog() {
    }

    /** Dataset names in a fixed order: fashion-mnist, mnist, synthetic. */
    public static List<String> datasetNames() {
        return Limits.DATASET_NAMES;
    }

    /** Model names in a fixed order: mlp, lenet5, cnn, resnet8. */
    public static List<String> modelNames() {
        return Limits.MODEL_NAMES;
    }

    /** The dataset called {@code name}, if known. */
    public static Optional<DatasetInfo> dataset(String name) {
        return Optional.ofNullable(DATASETS.get(name));
    }

    /** The model called {@code name}, if known. */
    public static Optional<ModelInfo> model(String name) {
        return Optional.ofNullable(MODELS.get(name));
    }
}
