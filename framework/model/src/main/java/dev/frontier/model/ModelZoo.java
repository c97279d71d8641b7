package dev.frontier.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds blocks for a {@link ModelSpec} through the {@link ModelRegistry}: the one place models are
 * found. The built-in providers live in {@code dev.frontier.model.zoo}; parameter counts are
 * asserted in tests and listed in the README.
 */
public final class ModelZoo {
    private ModelZoo() {}

    /** The registered model names, built-ins first. */
    public static List<String> names() {
        return ModelRegistry.names();
    }

    /**
     * Base widths of the model's adjustable layers, in build order (empty for a model that declares
     * none).
     */
    public static List<Integer> baseHidden(String name) {
        return ModelRegistry.provider(name).baseWidths();
    }

    /** The input shape for a batch of one. */
    public static Shape inputShape(ModelSpec spec) {
        return new Shape(1, spec.channels(), spec.rows(), spec.cols());
    }

    /**
     * A fresh, uninitialized block for the spec; the layers named in {@link ModelSpec#ranks()} are
     * {@link LowRankLayer} pairs.
     */
    public static Block build(ModelSpec spec) {
        Block plain = buildUnfactored(spec);
        if (spec.ranks().isEmpty()) {
            return plain;
        }
        Map<String, Integer> left = new TreeMap<>(spec.ranks());
        List<String> names = new ArrayList<>();
        Block out = factor(plain, new int[2], left, names, "");
        if (!left.isEmpty()) {
            throw new IllegalArgumentException(
                    spec.name()
                            + ": ranks name layers "
                            + left.keySet()
                            + " that the model does not have; its layers are "
                            + names);
        }
        return out;
    }

    private static Block buildUnfactored(ModelSpec spec) {
        ModelRequest r =
                new ModelRequest(
                        spec.channels(),
                        spec.rows(),
                        spec.cols(),
                        spec.numClasses(),
                        spec.effectiveHidden(),
                        spec.args());
        return Objects.requireNonNull(
                spec.provider().build(r),
                () -> "model provider " + spec.name() + " built a null block");
    }

    /**
     * The same architecture with a block from {@code inputStage} in front of every conv/linear
     * layer (e.g. an activation fake-quantizer). The function receives the layer's name in {@code
     * LayerMap} order ({@code conv1, conv2, ..., fc1, ...}). Parameters appear in the same order as
     * in {@link #build(ModelSpec)}, so they can be copied one to one; their names differ.
     */
    public static Block build(ModelSpec spec, Function<String, Block> inputStage) {
        return withInputStages(build(spec), Objects.requireNonNull(inputStage, "inputStage"));
    }

    /**
     * Rebuilds a fresh (uninitialized) block tree with {@code inputStage}'s block in front of every
     * convolution and linear layer; sequential and parallel containers are rebuilt, other blocks
     * reused.
     */
    public static Block withInputStages(Block root, Function<String, Block> inputStage) {
        return rewrite(root, new int[2], inputStage, "");
    }

    /** Replaces the weight layers {@code ranks} names by factored pairs (removing them). */
    private static Block factor(
            Block b, int[] counts, Map<String, Integer> ranks, List<String> names, String path) {
        if (b instanceof Convolution || b instanceof Linear) {
            String name = b instanceof Convolution ? "conv" + (++counts[0]) : "fc" + (++counts[1]);
            names.add(name);
            Integer r = ranks.remove(name);
            try {
                return r == null ? b : LowRankLayer.of(r, b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "cannot factor layer " + name + ": " + e.getMessage(), e);
            }
        }
        if (b instanceof LowRankLayer) {
            throw new IllegalArgumentException(
                    "model provider built a LowRankLayer at "
                            + (path.isEmpty() ? "/" : path)
                            + "; factored layers come from ModelSpec.ranks()");
        }
        if (b instanceof SequentialBlock) {
            SequentialBlock out = new SequentialBlock();
            for (var c : b.getChildren()) {
                out.add(factor(c.getValue(), counts, ranks, names, path + "/" + c.getKey()));
            }
            return out;
        }
        if (b instanceof ParallelBlock p) {
            List<Block> branches = new ArrayList<>();
            for (var c : b.getChildren()) {
                branches.add(factor(c.getValue(), counts, ranks, names, path + "/" + c.getKey()));
            }
            return new ParallelBlock(joinOf(p), branches);
        }
        if (!b.getChildren().isEmpty()) {
            // an opaque container is kept whole: count its layers (as LayerMap does), factor none
            Map<String, Integer> none = new TreeMap<>();
            List<String> inside = new ArrayList<>();
            for (var c : b.getChildren()) {
                factor(c.getValue(), counts, none, inside, path + "/" + c.getKey());
            }
            names.addAll(inside);
            List<String> wanted = inside.stream().filter(ranks::containsKey).toList();
            if (!wanted.isEmpty()) {
                throw new IllegalArgumentException(
                        "cannot factor "
                                + wanted
                                + " inside "
                                + b.getClass().getName()
                                + " at "
                                + (path.isEmpty() ? "/" : path)
                                + ": only layers in SequentialBlock and ParallelBlock containers"
                                + " are factored");
            }
        }
        return b;
    }

    private static Block rewrite(
            Block b, int[] counts, Function<String, Block> stage, String path) {
        if (b instanceof LowRankLayer pair) {
            // one layer in two parts: each part gets its own input stage (fcN.a, fcN.b)
            String name = pair.isConvolution() ? "conv" + (++counts[0]) : "fc" + (++counts[1]);
            return LowRankLayer.like(
                    pair,
                    new SequentialBlock().add(stageOf(stage, name + ".a")).add(pair.first()),
                    new SequentialBlock().add(stageOf(stage, name + ".b")).add(pair.second()));
        }
        if (b instanceof Convolution || b instanceof Linear) {
            String name = b instanceof Convolution ? "conv" + (++counts[0]) : "fc" + (++counts[1]);
            Block in =
                    Objects.requireNonNull(
                            stage.apply(name), () -> "input stage for layer " + name + " is null");
            return new SequentialBlock().add(in).add(b);
        }
        if (b instanceof SequentialBlock) {
            SequentialBlock out = new SequentialBlock();
            for (var c : b.getChildren()) {
                out.add(rewrite(c.getValue(), counts, stage, path + "/" + c.getKey()));
            }
            return out;
        }
        if (b instanceof ParallelBlock p) {
            List<Block> branches = new ArrayList<>();
            for (var c : b.getChildren()) {
                branches.add(rewrite(c.getValue(), counts, stage, path + "/" + c.getKey()));
            }
            return new ParallelBlock(joinOf(p), branches);
        }
        if (b.getChildren().isEmpty()) {
            return b;
        }
        throw new IllegalArgumentException(
                "cannot put activation stages inside "
                        + b.getClass().getName()
                        + " at "
                        + (path.isEmpty() ? "/" : path)
                        + ": only SequentialBlock and ParallelBlock containers are rebuilt");
    }

    private static Block stageOf(Function<String, Block> stage, String name) {
        return Objects.requireNonNull(
                stage.apply(name), () -> "input stage for layer " + name + " is null");
    }

    @SuppressWarnings("unchecked")
    private static Function<List<ai.djl.ndarray.NDList>, ai.djl.ndarray.NDList> joinOf(
            ParallelBlock p) {
        try {
            Field f = ParallelBlock.class.getDeclaredField("function");
            f.setAccessible(true);
            return (Function<List<ai.djl.ndarray.NDList>, ai.djl.ndarray.NDList>) f.get(p);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot read the join function of a DJL ParallelBlock: " + e, e);
        }
    }
}
