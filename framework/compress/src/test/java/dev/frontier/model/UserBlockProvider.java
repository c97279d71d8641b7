package dev.frontier.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * A model Frontier does not know, registered only on the test class path (as a user's jar would
 * be): DJL standard layers and no declared widths.
 */
public final class UserBlockProvider implements ModelProvider {
    @Override
    public String name() {
        return "test-user-net";
    }

    @Override
    public String description() {
        return "a user block for tests: conv-BN-ReLU, conv, dense";
    }

    @Override
    public Block build(ModelRequest r) {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setFilters(4)
                                .setKernelShape(new Shape(3, 3))
                                .optStride(new Shape(2, 2))
                                .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(r.classes()).build());
    }
}
