package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import dev.frontier.model.FrontierModel;

/**
 * Where a distilled student's soft targets come from: the teacher's logits for a batch of
 * normalized images. A DJL model ({@link #of(FrontierModel)}) or any other runtime (an ONNX file on
 * ONNX Runtime).
 */
public interface TeacherLogits {
    /**
     * The logits [batch, classes] for {@code x} [batch, C, H, W], on {@code x}'s manager, without
     * gradient.
     */
    NDArray logits(NDArray x);

    /** How many classes the teacher predicts. */
    int numClasses();

    /** The teacher's name in messages. */
    String describe();

    /** A DJL model run in inference mode. */
    static TeacherLogits of(FrontierModel teacher) {
        return new TeacherLogits() {
            @Override
            public NDArray logits(NDArray x) {
                return teacher.block()
                        .forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                        .singletonOrThrow()
                        .stopGradient();
            }

            @Override
            public int numClasses() {
                return teacher.spec().numClasses();
            }

            @Override
            public String describe() {
                return teacher.spec().name();
            }
        };
    }
}
