package dev.frontier.model.zoo;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/**
 * A conv16 stem and three basic residual blocks of 16, 32, 64 channels (stride 1, 2, 2; 1x1
 * projection shortcuts where shapes change), global average pooling. Widths: stem, block1 inner,
 * block2 inner, block2 out, block3 inner, block3 out (block1's output is the stem's width).
 */
public final class ResNet8 implements ModelProvider {
    @Override
    public String name() {
        return "resnet8";
    }

    @Override
    public String description() {
        return "ResNet-8: conv16 stem, three basic residual blocks (16, 32, 64 channels)";
    }

    @Override
    public double relativeCost() {
        return 6.0;
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(16, 16, 32, 32, 64, 64);
    }

    @Override
    public Block build(ModelRequest r) {
        SequentialBlock s = new SequentialBlock();
        Layers.convBnRelu(s, r.width(0), 3, 1, 1);
        return s.add(Layers.basicBlock(r.width(1), r.width(0), 1, false))
                .add(Layers.basicBlock(r.width(2), r.width(3), 2, true))
                .add(Layers.basicBlock(r.width(4), r.width(5), 2, true))
                .add(Pool.globalAvgPool2dBlock())
                .add(Layers.linear(r.classes()));
    }
}
