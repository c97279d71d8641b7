package dev.frontier.model.zoo;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRequest;
import java.util.List;

/**
 * A MobileNet-style network for small images (Howard et al. 2017): a conv3x3(32) stem, then five
 * depthwise-separable blocks — depthwise conv3x3 (groups = channels)-BN-ReLU, pointwise
 * conv1x1-BN-ReLU — with 64, 128 (stride 2), 128, 256 (stride 2), 256 channels, global average
 * pooling and the classifier. Widths: the stem's, then each block's pointwise output.
 */
public final class MobileNet implements ModelProvider {
    private static final int[] STRIDES = {1, 2, 1, 2, 1};

    @Override
    public String name() {
        return "mobilenet";
    }

    @Override
    public String description() {
        return "MobileNet-style: conv32 stem, 5 depthwise-separable blocks (64-256 channels)";
    }

    @Override
    public double relativeCost() {
        return 8.0;
    }

    @Override
    public List<Integer> baseWidths() {
        return List.of(32, 64, 128, 128, 256, 256);
    }

    @Override
    public Block build(ModelRequest r) {
        SequentialBlock s = new SequentialBlock();
        Layers.convBnRelu(s, r.width(0), 3, 1, 1);
        for (int i = 0; i < STRIDES.length; i++) {
            s.add(Layers.depthwise(r.width(i), STRIDES[i]))
                    .add(Layers.bn())
                    .add(Activation.reluBlock());
            Layers.convBnRelu(s, r.width(i + 1), 1, 0, 1);
        }
        return s.add(Pool.globalAvgPool2dBlock()).add(Layers.linear(r.classes()));
    }
}
