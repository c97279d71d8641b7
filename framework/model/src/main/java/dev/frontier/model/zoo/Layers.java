package dev.frontier.model.zoo;

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
import java.util.List;

/** DJL standard layers as the zoo models use them (every one lowers to ONNX). */
public final class Layers {
    private Layers() {}

    /** A square convolution with bias. */
    public static Block conv(int filters, int kernel, int pad, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optStride(new Shape(stride, stride))
                .build();
    }

    /** A depthwise 3x3 convolution (groups = channels), padding 1. */
    public static Block depthwise(int channels, int stride) {
        return Conv2d.builder()
                .setFilters(channels)
                .optGroups(channels)
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride))
                .build();
    }

    /** A fully connected layer. */
    public static Block linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /** Batch normalization over the channel axis. */
    public static Block bn() {
        return BatchNorm.builder().build();
    }

    /** 2x2 max pooling with stride 2. */
    public static Block maxPool() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    /**
     * Appends conv, BatchNorm, ReLU to {@code seq} (flat, so BatchNorm folds into the conv on
     * export).
     */
    public static SequentialBlock convBnRelu(
            SequentialBlock seq, int filters, int kernel, int pad, int stride) {
        return seq.add(conv(filters, kernel, pad, stride)).add(bn()).add(Activation.reluBlock());
    }

    /**
     * A basic residual block, relu(main(x) + shortcut(x)): main is conv3x3(inner,
     * stride)-BN-ReLU-conv3x3(out)-BN; the shortcut is the identity, or a 1x1 conv with BN when
     * {@code project} (the shape changes).
     */
    public static Block basicBlock(int inner, int out, int stride, boolean project) {
        SequentialBlock main =
                new SequentialBlock()
                        .add(conv(inner, 3, 1, stride))
                        .add(bn())
                        .add(Activation.reluBlock())
                        .add(conv(out, 3, 1, 1))
                        .add(bn());
        Block shortcut =
                project
                        ? new SequentialBlock().add(conv(out, 1, 0, stride)).add(bn())
                        : Blocks.identityBlock();
        return new SequentialBlock().add(residualSum(main, shortcut)).add(Activation.reluBlock());
    }

    /** A two-branch block whose output is the sum of its branches. */
    public static ParallelBlock residualSum(Block main, Block shortcut) {
        return new ParallelBlock(
                list ->
                        new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(main, shortcut));
    }
}
