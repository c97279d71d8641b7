package dev.frontier.model.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/** LeNet-300-100: fc 300-100-classes (266,610 parameters at width 1 on 28x28). */
public final class Mlp implements ModelProvider {
    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "LeNet-300-100 multilayer perceptron";
    }

    @Override
    public double relativeCost() {
        return 0.5;
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(300, 100);
    }

    @Override
    public Block build(ModelRequest r) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(r.width(0)))
                .add(Activation.reluBlock())
                .add(Layers.linear(r.width(1)))
                .add(Activation.reluBlock())
                .add(Layers.linear(r.classes()));
    }
}
