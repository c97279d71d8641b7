package dev.frontier.onnx.runtime;

import dev.frontier.model.ModelSpec;

/**
 * A loaded model that turns a batch of normalized images into logits, and says which runtime,
 * kernel precision and thread count produced them. Each call runs in its own native-memory scope.
 */
public interface InferenceRuntime extends AutoCloseable {
    /**
     * The runtime's name as the sweep setting spells it: {@code onnxruntime} or {@code
     * djl-pytorch}.
     */
    String name();

    /** The kernel precision actually executed: {@code fp32}, {@code int8}, or {@code mixed}. */
    String precision();

    /** Intra-op threads the runtime computes with. */
    int threads();

    /** The architecture being run (input shape and number of classes). */
    ModelSpec spec();

    /**
     * Runs {@code batch} images laid out as [batch, C, H, W] in {@code images} (normalized as for
     * training) and returns the logits, [batch, classes] row-major.
     */
    float[] run(float[] images, int batch);

    /** Releases native resources. */
    @Override
    void close();

    /** Checks that {@code images} holds {@code batch} inputs of {@code spec}'s shape. */
    static void checkInput(ModelSpec spec, float[] images, int batch) {
        long per = (long) spec.channels() * spec.rows() * spec.cols();
        if (batch < 1 || images.length != per * batch) {
            throw new IllegalArgumentException(
                    "expected "
                            + batch
                            + " images of "
                            + spec.channels()
                            + "x"
                            + spec.rows()
                            + "x"
                            + spec.cols()
                            + " ("
                            + per * Math.max(batch, 0)
                            + " floats), got "
                            + images.length
                            + " floats");
        }
    }
}
