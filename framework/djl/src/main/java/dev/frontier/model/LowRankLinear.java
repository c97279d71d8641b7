package dev.frontier.model;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * A linear layer factored into two through a rank-{@code r} bottleneck: {@code y = B (A x) + b},
 * with {@code A} an {@code r x in} linear layer without bias and {@code B} the original layer's
 * {@code out x r} weights and bias. {@code LayerMap} counts the pair as one layer ({@code fcN})
 * with the parts {@code fcN.a} and {@code fcN.b}; built from {@link ModelSpec#ranks()}.
 */
public final class LowRankLinear extends SequentialBlock {
    private final int rank;

    /**
     * The factored form of {@code layer} (an uninitialized linear layer, kept as {@code B}): a new
     * bias-free rank-{@code rank} layer {@code A} in front of it.
     */
    public LowRankLinear(int rank, Block layer) {
        this(rank, Linear.builder().setUnits(rank).optBias(false).build(), layer);
    }

    /**
     * A pair of given parts (e.g. each behind an activation stage, see {@link
     * ModelZoo#withInputStages}).
     */
    public LowRankLinear(int rank, Block first, Block second) {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1, got " + rank);
        }
        this.rank = rank;
        add(first);
        add(second);
    }

    /** The bottleneck width r. */
    public int rank() {
        return rank;
    }

    /** The first part ({@code A}, in x r). */
    public Block first() {
        return getChildren().get(0).getValue();
    }

    /** The second part ({@code B}, r x out, with the bias). */
    public Block second() {
        return getChildren().get(1).getValue();
    }
}
