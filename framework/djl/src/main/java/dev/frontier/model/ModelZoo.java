package dev.frontier.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds the zoo's DJL blocks from a {@link ModelSpec}. Base hidden widths (multiplied by the width
 * multiplier):
 * <ul>
 *   <li>{@code mlp}: LeNet-300-100, fc 300-100-classes (266,610 parameters at width 1);</li>
 *   <li>{@code lenet5}: conv5x5(6)-pool-conv5x5(16)-pool-fc120-fc84-fc (61,706);</li>
 *   <li>{@code cnn}: VGG-style conv3x3 32,32-pool-64,64-pool with BatchNorm, fc128 (with BN) and the
 *       classifier (the target of structured pruning);</li>
 *   <li>{@code resnet8}: a conv16 stem and three basic residual blocks of 16, 32, 64 channels
 *       (stride 1, 2, 2; 1x1 projection shortcuts where shapes change), global average pooling.</li>
 * </ul>
 * Parameter counts are asserted in tests and listed in the README.
 */
public final class ModelZoo {
    /** The zoo's model names ({@link Limits#MODEL_NAMES}, which the sweep validator accepts). */
    public static final List<String> NAMES = Limits.MODEL_NAMES;

    private ModelZoo() {
    }

    /** Base widths of the hidden layers, in build order. */
    public static List<Integer> baseHidden(String name) {
        switch (name) {
            case "mlp":
                return List.of(300, 100);
            case "lenet5":
                return List.of(6, 16, 120, 84);
            case "cnn":
                return List.of(32, 32, 64, 64, 128);
            case "resnet8":
                // stem, block1 inner, block2 inner, block2 out, block3 inner, block3 out
                return List.of(16, 16, 32, 32, 64, 64);
            default:
                throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", NAMES));
        }
    }

    /** The input shape for a batch of one. */
    public static Shape inputShape(ModelSpec spec) {
        return new Shape(1, spec.channels(), spec.rows(), spec.cols());
    }

    /** A fresh, uninitialized block for the spec. */
    public static Block build(ModelSpec spec) {
        return build(spec, new Stages(null));
    }

    /**
     * The same architecture with a block from {@code inputStage} in front of every conv/linear layer
     * (e.g. an activation fake-quantizer). The function receives the layer's name in {@code LayerMap}
     * order ({@code conv1, conv2, ..., fc1, ...}). Parameters appear in the same order as in
     * {@link #build(ModelSpec)}, so they can be copied one to one; their names differ.
     */
    public static Block build(ModelSpec spec, Function<String, Block> inputStage) {
        return build(spec, new Stages(Objects.requireNonNull(inputStage, "inputStage")));
    }

    private static Block build(ModelSpec spec, Stages st) {
        List<Integer> h = spec.effectiveHidden();
        switch (spec.name()) {
            case "mlp":
                return new SequentialBlock().add(Blocks.batchFlattenBlock())
                        .add(st.fc(linear(h.get(0)))).add(Activation.reluBlock())
                        .add(st.fc(linear(h.get(1)))).add(Activation.reluBlock())
                        .add(st.fc(linear(spec.numClasses())));
            case "lenet5":
                return new SequentialBlock()
                        .add(st.conv(conv(h.get(0), 5, 2, 1))).add(Activation.reluBlock()).add(maxPool())
                        .add(st.conv(conv(h.get(1), 5, 0, 1))).add(Activation.reluBlock()).add(maxPool())
                        .add(Blocks.batchFlattenBlock())
                        .add(st.fc(linear(h.get(2)))).add(Activation.reluBlock())
                        .add(st.fc(linear(h.get(3)))).add(Activation.reluBlock())
                        .add(st.fc(linear(spec.numClasses())));
            case "cnn":
                return new SequentialBlock()
                        .add(st.conv(conv(h.get(0), 3, 1, 1))).add(bn()).add(Activation.reluBlock())
                        .add(st.conv(conv(h.get(1), 3, 1, 1))).add(bn()).add(Activation.reluBlock()).add(maxPool())
                        .add(st.conv(conv(h.get(2), 3, 1, 1))).add(bn()).add(Activation.reluBlock())
                        .add(st.conv(conv(h.get(3), 3, 1, 1))).add(bn()).add(Activation.reluBlock()).add(maxPool())
                        .add(Blocks.batchFlattenBlock())
                        .add(st.fc(linear(h.get(4)))).add(bn()).add(Activation.reluBlock())
                        .add(st.fc(linear(spec.numClasses())));
            case "resnet8":
                return new SequentialBlock()
                        .add(st.conv(conv(h.get(0), 3, 1, 1))).add(bn()).add(Activation.reluBlock())
                        .add(residual(st, h.get(1), h.get(0), 1, false))
                        .add(residual(st, h.get(2), h.get(3), 2, true))
                        .add(residual(st, h.get(4), h.get(5), 2, true))
                        .add(Pool.globalAvgPool2dBlock())
                        .add(st.fc(linear(spec.numClasses())));
            default:
                throw new IllegalArgumentException("unknown model " + spec.name());
        }
    }

    private static Block residual(Stages st, int inner, int out, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock()
                .add(st.conv(conv(inner, 3, 1, stride))).add(bn()).add(Activation.reluBlock())
                .add(st.conv(conv(out, 3, 1, 1))).add(bn());
        Block shortcut = project
                ? new SequentialBlock().add(st.conv(conv(out, 1, 0, stride))).add(bn())
                : Blocks.identityBlock();
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        List.of(main, shortcut)))
                .add(Activation.reluBlock());
    }

    private static Block conv(int filters, int kernel, int pad, int stride) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad)).optStride(new Shape(stride, stride)).build();
    }

    private static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static Block bn() {
        return BatchNorm.builder().build();
    }

    /** Names weight layers as LayerMap does and puts the optional input stage in front of each. */
    private static final class Stages {
        private final Function<String, Block> stage;
        private int convs;
        private int fcs;

        Stages(Function<String, Block> stage) {
            this.stage = stage;
        }

        Block conv(Block layer) {
            return wrap("conv" + (++convs), layer);
        }

        Block fc(Block layer) {
            return wrap("fc" + (++fcs), layer);
        }

        private Block wrap(String name, Block layer) {
            if (stage == null) {
                return layer;
            }
            Block in = Objects.requireNonNull(stage.apply(name), () -> "input stage for layer " + name + " is null");
            return new SequentialBlock().add(in).add(layer);
        }
    }

    private static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }
}
