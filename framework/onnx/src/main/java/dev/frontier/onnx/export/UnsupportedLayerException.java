package dev.frontier.onnx.export;

/**
 * Thrown when a block cannot be exported; the message names the layer (its path in the block tree)
 * and its type.
 */
public final class UnsupportedLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String layer;
    private final String type;

    /**
     * A layer at {@code layer} of type {@code type} that the exporter cannot translate, and why.
     */
    public UnsupportedLayerException(String layer, String type, String reason) {
        super(
                "cannot export layer '"
                        + layer
                        + "' of type "
                        + type
                        + ": "
                        + reason
                        + ". Supported: Conv2d, Linear, BatchNorm, ReLU, maxPool2d 2x2/2, batchFlatten, globalAvgPool2d, identity, "
                        + "SequentialBlock and a two-branch residual ParallelBlock (sum).");
        this.layer = layer;
        this.type = type;
    }

    /**
     * The layer's path in the block tree (e.g. {@code
     * 04ParallelBlock/01SequentialBlock/03Dropout}).
     */
    public String layer() {
        return layer;
    }

    /** The layer's type as DJL names it. */
    public String type() {
        return type;
    }
}
