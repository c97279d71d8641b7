package dev.frontier.model.zoo;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/**
 * ResNet-20 for CIFAR (He et al. 2016, section 4.2): a conv16 stem, three stages of three basic
 * blocks with 16, 32 and 64 channels (the first block of stages 2 and 3 has stride 2 and a 1x1
 * projection shortcut), global average pooling and the classifier; about 0.27 M parameters. Widths:
 * the three stage widths (the stem has stage 1's), then the inner width of each of the nine blocks.
 */
public final class ResNet20 implements ModelProvider {
    private static final int STAGES = 3;
    private static final int BLOCKS = 3;

    @Override
    public String name() {
        return "resnet20";
    }

    @Override
    public String description() {
        return "ResNet-20 (CIFAR): 3 stages x 3 basic blocks, 16/32/64 channels";
    }

    @Override
    public double relativeCost() {
        return 15.0;
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(16, 32, 64, 16, 16, 16, 32, 32, 32, 64, 64, 64);
    }

    @Override
    public Block build(ModelRequest r) {
        SequentialBlock s = new SequentialBlock();
        Layers.convBnRelu(s, r.width(0), 3, 1, 1);
        int in = r.width(0);
        for (int stage = 0; stage < STAGES; stage++) {
            int out = r.width(stage);
            for (int b = 0; b < BLOCKS; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                s.add(
                        Layers.basicBlock(
                                r.width(STAGES + stage * BLOCKS + b),
                                out,
                                stride,
                                stride != 1 || in != out));
                in = out;
            }
        }
        return s.add(Pool.globalAvgPool2dBlock()).add(Layers.linear(r.classes()));
    }
}
