package dev.frontier.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * A weight layer factored into two through a rank-{@code r} bottleneck, {@code W ≈ B A}: a linear
 * layer becomes {@code A} (r x in, no bias) then {@code B} (out x r, the bias); a convolution
 * becomes {@code A} (r filters of the original kernel, stride, padding and dilation, no bias) then
 * {@code B} (a 1x1 convolution to the original filters, the bias) — a channel decomposition. {@code
 * LayerMap} counts the pair as one layer ({@code fcN} or {@code convN}) with the parts {@code .a}
 * and {@code .b}; built from {@link ModelSpec#ranks()}.
 */
public final class LowRankLayer extends SequentialBlock {
    private final int rank;
    private final boolean conv;

    private LowRankLayer(int rank, boolean conv, Block first, Block second) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        this.rank = rank;
        this.conv = conv;
        add(first);
        add(second);
    }

    /**
     * The factored form of {@code layer}, an uninitialized {@link Linear} (kept as {@code B}, its
     * input width becomes r) or {@link Conv2d} without groups.
     */
    public static LowRankLayer of(int rank, Block layer) {
        if (layer instanceof Linear) {
            return new LowRankLayer(
                    rank, false, Linear.builder().setUnits(rank).optBias(false).build(), layer);
        }
        if (layer instanceof Conv2d c && c.getGroups() == 1) {
            Block first =
                    Conv2d.builder()
                            .setFilters(rank)
                            .setKernelShape(c.getKernelShape())
                            .optStride(c.getStride())
                            .optPadding(c.getPadding())
                            .optDilation(c.getDilation())
                            .optBias(false)
                            .build();
            Block second =
                    Conv2d.builder()
                            .setFilters(c.getFilters())
                            .setKernelShape(new Shape(1, 1))
                            .optBias(c.isIncludeBias())
                            .build();
            return new LowRankLayer(rank, true, first, second);
        }
        throw new IllegalArgumentException(
                "only linear layers and 2-d convolutions without groups are factored, not "
                        + layer.getClass().getSimpleName()
                        + (layer instanceof Convolution cv
                                ? " with groups " + cv.getGroups()
                                : ""));
    }

    /**
     * A pair of given parts (e.g. each behind an activation stage, see {@link
     * ModelZoo#withInputStages}) with {@code pair}'s rank and kind.
     */
    public static LowRankLayer like(LowRankLayer pair, Block first, Block second) {
        return new LowRankLayer(pair.rank, pair.conv, first, second);
    }

    /** The bottleneck width r. */
    public int rank() {
        return rank;
    }

    /** Whether the pair replaces a convolution ({@code convN}) rather than a linear layer. */
    public boolean isConvolution() {
        return conv;
    }

    /** The first part ({@code A}). */
    public Block first() {
        return getChildren().get(0).getValue();
    }

    /** The second part ({@code B}, with the bias). */
    public Block second() {
        return getChildren().get(1).getValue();
    }
}
