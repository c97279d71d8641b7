package dev.frontier.compress;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.frontier.model.LowRankLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The weight layers of a model in forward order, with readable names: {@code conv1, conv2, ...} for
 * convolutions and {@code fc1, fc2, ...} for linear layers (shortcut convolutions of a residual
 * block are numbered in the same sequence). A factored linear layer ({@link LowRankLayer}) is one
 * number with two parts, {@code fcN.a} (rank x in) and {@code fcN.b} (out x rank, with the bias),
 * so the other layers keep their names. Compression passes and the DSL's layer names use these
 * names.
 */
public final class LayerMap {
    /** A weight layer: its name, kind, the DJL block and its weight/bias parameters. */
    public record Layer(
            String name, Kind kind, Block block, Parameter weight, Optional<Parameter> bias) {
        /** Number of weights (not biases). */
        public long weightCount() {
            return weight.getArray().size();
        }
    }

    /** Layer kinds Frontier compresses. */
    public enum Kind {
        CONV,
        LINEAR
    }

    private final List<Layer> layers;

    private LayerMap(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Walks the block tree in forward (child) order. */
    public static LayerMap of(Block root) {
        List<Layer> out = new ArrayList<>();
        int[] counts = new int[2];
        walk(root, out, counts);
        return new LayerMap(out);
    }

    private static void walk(Block b, List<Layer> out, int[] counts) {
        if (b instanceof LowRankLayer pair) {
            Kind kind = pair.isConvolution() ? Kind.CONV : Kind.LINEAR;
            String name = kind == Kind.CONV ? "conv" + (++counts[0]) : "fc" + (++counts[1]);
            List<Layer> parts = new ArrayList<>();
            for (Pair<String, Block> child : b.getChildren()) {
                walk(child.getValue(), parts, new int[2]);
            }
            if (parts.size() != 2 || parts.stream().anyMatch(l -> l.kind() != kind)) {
                throw new IllegalStateException(
                        name
                                + ": a LowRankLayer must hold two "
                                + kind
                                + " layers, found "
                                + parts);
            }
            String[] suffix = {".a", ".b"};
            for (int i = 0; i < 2; i++) {
                Layer p = parts.get(i);
                out.add(new Layer(name + suffix[i], p.kind(), p.block(), p.weight(), p.bias()));
            }
            return;
        }
        if (b instanceof Convolution || b instanceof Linear) {
            Kind kind = b instanceof Convolution ? Kind.CONV : Kind.LINEAR;
            String name = kind == Kind.CONV ? "conv" + (++counts[0]) : "fc" + (++counts[1]);
            Parameter w = null;
            Parameter bias = null;
            for (Pair<String, Parameter> p : b.getDirectParameters()) {
                if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                    w = p.getValue();
                } else if (p.getValue().getType() == Parameter.Type.BIAS) {
                    bias = p.getValue();
                }
            }
            out.add(new Layer(name, kind, b, w, Optional.ofNullable(bias)));
            return;
        }
        if (b instanceof BatchNorm) {
            return;
        }
        for (Pair<String, Block> child : b.getChildren()) {
            walk(child.getValue(), out, counts);
        }
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Layer names in order. */
    public List<String> names() {
        return layers.stream().map(Layer::name).collect(Collectors.toList());
    }

    /** The layer called {@code name}; an unknown name lists the valid ones. */
    public Layer get(String name) {
        return layers.stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "no layer '"
                                                + name
                                                + "'; this model's layers are "
                                                + names()));
    }

    /**
     * The default exclusions of pruning: the first convolution (few weights, large effect) and the
     * last linear layer (the classifier). A model without convolutions keeps only its classifier
     * dense.
     */
    public List<String> defaultExcluded() {
        List<String> ex = new ArrayList<>();
        layers.stream()
                .filter(l -> l.kind() == Kind.CONV)
                .findFirst()
                .ifPresent(l -> ex.add(l.name()));
        ex.add(layers.get(layers.size() - 1).name());
        return ex;
    }

    /**
     * The layers a pruning pass leaves dense: {@code requested}, or {@link #defaultExcluded()} when
     * none are named.
     */
    public List<String> excludedFromPruning(List<String> requested) {
        return requested.isEmpty() ? defaultExcluded() : requested;
    }
}
