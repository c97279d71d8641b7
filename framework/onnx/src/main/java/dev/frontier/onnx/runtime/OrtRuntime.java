package dev.frontier.onnx.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.export.OnnxExporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An ONNX model on ONNX Runtime through DJL's {@code OnnxRuntime} engine (natives from the {@code
 * com.microsoft.onnxruntime} jar; nothing is downloaded). Its precision is what ORT's optimized
 * graph really runs (see {@link KernelInspector}).
 */
public final class OrtRuntime implements InferenceRuntime {
    /** DJL's name of the ONNX Runtime engine. */
    public static final String ENGINE = "OnnxRuntime";

    private final Model model;
    private final ModelSpec spec;
    private final OrtOptions options;
    private final KernelReport kernels;

    private OrtRuntime(Model model, ModelSpec spec, OrtOptions options, KernelReport kernels) {
        this.model = model;
        this.spec = spec;
        this.options = options;
        this.kernels = kernels;
    }

    /** Loads {@code onnxFile} (exported for {@code spec}) with the given session options. */
    public static OrtRuntime load(Path onnxFile, ModelSpec spec, OrtOptions options)
            throws IOException {
        Objects.requireNonNull(spec, "spec");
        OrtEnvironments.get();
        KernelReport kernels = KernelInspector.inspect(onnxFile, options.optimize());
        Model m = Model.newInstance(spec.name(), Device.cpu(), ENGINE);
        // the session options carry U8S8Saturation's entry; DJL sets the threads on them, and the
        // session keeps what it needs, so they are closed once the model is loaded
        try (OrtSession.SessionOptions session = new OrtSession.SessionOptions()) {
            U8S8Saturation.apply(session);
            Map<String, Object> load = new HashMap<>(options.djlLoadOptions());
            load.put("sessionOptions", session);
            m.load(onnxFile, null, load);
        } catch (MalformedModelException | IOException | OrtException | RuntimeException e) {
            m.close();
            throw new IOException(
                    "ONNX Runtime cannot load " + onnxFile + ": " + e.getMessage(), e);
        }
        return new OrtRuntime(m, spec, options, kernels);
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public String precision() {
        return kernels.kernelPrecision();
    }

    /** The operators ORT runs after optimization. */
    public KernelReport kernels() {
        return kernels;
    }

    @Override
    public int threads() {
        return options.effectiveThreads();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public float[] run(float[] images, int batch) {
        InferenceRuntime.checkInput(spec, images, batch);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x =
                    scope.create(
                            images, new Shape(batch, spec.channels(), spec.rows(), spec.cols()));
            x.setName(OnnxExporter.INPUT);
            NDList out =
                    model.getBlock()
                            .forward(new ParameterStore(scope, false), new NDList(x), false);
            NDArray logits = out.get(OnnxExporter.OUTPUT);
            return (logits != null ? logits : out.head()).toFloatArray();
        }
    }

    /**
     * Runs a batch and returns every graph output by name (e.g. the {@code <layer>.input} outputs
     * used for calibration).
     */
    public java.util.Map<String, float[]> runAll(float[] images, int batch) {
        InferenceRuntime.checkInput(spec, images, batch);
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray x =
                    scope.create(
                            images, new Shape(batch, spec.channels(), spec.rows(), spec.cols()));
            x.setName(OnnxExporter.INPUT);
            java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
            for (NDArray a :
                    model.getBlock()
                            .forward(new ParameterStore(scope, false), new NDList(x), false)) {
                out.put(a.getName(), a.toFloatArray());
            }
            return out;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
