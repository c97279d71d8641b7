package dev.frontier.exec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.frontier.model.FrontierModel;

/** Runs a model's forward pass on DJL's PyTorch engine, one native scope per call (fp32 kernels). */
final class DjlRunner implements LatencyMeter.BatchRunner {
    private final FrontierModel model;

    DjlRunner(FrontierModel model) {
        this.model = model;
    }

    @Override
    public void run(float[] images, int batch) {
        try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
            NDArray x = m.create(images, new Shape(batch, model.spec().channels(), model.spec().rows(), model.spec().cols()));
            NDArray y = model.block().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            y.toFloatArray(); // wait for the result
        }
    }
}
