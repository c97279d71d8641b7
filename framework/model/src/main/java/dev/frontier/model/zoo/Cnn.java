package dev.frontier.model.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/** VGG-style conv3x3 32,32-pool-64,64-pool with BatchNorm, fc128 (with BN) and the classifier. */
public final class Cnn implements ModelProvider {
    @Override
    public String name() {
        return "cnn";
    }

    @Override
    public String description() {
        return "VGG-style CNN: conv3x3 32,32-pool-64,64-pool with BatchNorm, fc128";
    }

    @Override
    public double relativeCost() {
        return 2.0;
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(32, 32, 64, 64, 128);
    }

    @Override
    public Block build(ModelRequest r) {
        SequentialBlock s = new SequentialBlock();
        Layers.convBnRelu(s, r.width(0), 3, 1, 1);
        Layers.convBnRelu(s, r.width(1), 3, 1, 1).add(Layers.maxPool());
        Layers.convBnRelu(s, r.width(2), 3, 1, 1);
        Layers.convBnRelu(s, r.width(3), 3, 1, 1).add(Layers.maxPool());
        return s.add(Blocks.batchFlattenBlock())
                .add(Layers.linear(r.width(4)))
                .add(Layers.bn())
                .add(Activation.reluBlock())
                .add(Layers.linear(r.classes()));
    }
}
