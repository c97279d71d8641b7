package dev.frontier.model.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/** LeNet-5: conv5x5(6)-pool-conv5x5(16)-pool-fc120-fc84-fc (61,706 parameters on 28x28). */
public final class LeNet5 implements ModelProvider {
    @Override
    public String name() {
        return "lenet5";
    }

    @Override
    public String description() {
        return "LeNet-5 (two 5x5 convolutions, three fully connected layers)";
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(6, 16, 120, 84);
    }

    @Override
    public Block build(ModelRequest r) {
        return new SequentialBlock()
                .add(Layers.conv(r.width(0), 5, 2, 1))
                .add(Activation.reluBlock())
                .add(Layers.maxPool())
                .add(Layers.conv(r.width(1), 5, 0, 1))
                .add(Activation.reluBlock())
                .add(Layers.maxPool())
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(r.width(2)))
                .add(Activation.reluBlock())
                .add(Layers.linear(r.width(3)))
                .add(Activation.reluBlock())
                .add(Layers.linear(r.classes()));
    }
}
