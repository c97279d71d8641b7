package dev.frontier.onnx.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.util.Objects;

/**
 * A zoo model run in fp32 by DJL's PyTorch engine, the runtime Frontier trains with. It borrows the
 * {@link FrontierModel} (the caller closes it). PyTorch's intra-op thread pool is process-wide, so
 * setting threads here sets them for every PyTorch model in the JVM.
 */
public final class DjlRuntime implements InferenceRuntime {
    private final FrontierModel model;

    private DjlRuntime(FrontierModel model) {
        this.model = model;
    }

    /**
     * Runs {@code model} with {@code threads} PyTorch intra-op threads (0 = leave PyTorch's
     * setting).
     */
    public static DjlRuntime of(FrontierModel model, int threads) {
        Objects.requireNonNull(model, "model");
        if (threads < 0) {
            throw new IllegalArgumentException(
                    "threads must be >= 0 (0 = PyTorch default), got " + threads);
        }
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
        return new DjlRuntime(model);
    }

    @Override
    public String name() {
        return "djl-pytorch";
    }

    @Override
    public String precision() {
        return "fp32";
    }

    @Override
    public int threads() {
        return JniUtils.getNumThreads();
    }

    @Override
    public ModelSpec spec() {
        return model.spec();
    }

    @Override
    public float[] run(float[] images, int batch) {
        ModelSpec spec = model.spec();
        InferenceRuntime.checkInput(spec, images, batch);
        try (NDManager scope = model.djlModel().getNDManager().newSubManager()) {
            NDArray x =
                    scope.create(
                            images, new Shape(batch, spec.channels(), spec.rows(), spec.cols()));
            return model.block()
                    .forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    /** Does nothing: the model belongs to the caller. */
    @Override
    public void close() {}
}
