package dev.frontier.compress.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.ModelCopy;
import dev.frontier.data.ImageSet;
import dev.frontier.model.FrontierModel;
import dev.frontier.train.Batches;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A copy of a model with an {@link ActivationStage} in front of every conv/linear layer, for
 * calibrating, simulating and training activation quantization (with min-max ranges that follow
 * training, see {@link #quantizeForTraining}). Its parameter names differ from the plain model's,
 * so files are written from the plain model ({@link #copyParametersTo}). Owns its native memory:
 * close it.
 */
public final class FakeQuantModel implements AutoCloseable {
    private static final int BATCH = 256;

    private final FrontierModel model;
    private final Map<String, ActivationStage> stages;

    private FakeQuantModel(FrontierModel model, Map<String, ActivationStage> stages) {
        this.model = model;
        this.stages = Collections.unmodifiableMap(stages);
    }

    /**
     * A staged copy of {@code source} (same spec and device, parameters copied), every stage
     * passing values through.
     */
    public static FakeQuantModel of(FrontierModel source) {
        Map<String, ActivationStage> stages = new LinkedHashMap<>();
        FrontierModel staged =
                FrontierModel.create(
                        source.spec(),
                        source.device(),
                        0,
                        name -> {
                            ActivationStage s = new ActivationStage(name);
                            stages.put(name, s);
                            return s.block();
                        });
        try {
            ModelCopy.copyParameters(source, staged);
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
        return new FakeQuantModel(staged, stages);
    }

    /**
     * A staged copy of {@code source} whose listed layers' inputs are fake-quantized with {@code
     * params}.
     */
    public static FakeQuantModel quantized(FrontierModel source, Map<String, QuantParams> params) {
        FakeQuantModel fq = of(source);
        try {
            fq.quantize(params, false);
        } catch (RuntimeException e) {
            fq.close();
            throw e;
        }
        return fq;
    }

    /**
     * Calibrates the inputs of {@code layers} on the first {@code settings.samples()} images of
     * {@code set} (model in inference mode, other stages unchanged) and returns their parameters in
     * layer order; afterwards those stages fake-quantize with them.
     */
    public Map<String, QuantParams> calibrate(
            ImageSet set, float mean, float std, ActivationSettings settings, Set<String> layers) {
        int n = Math.min(settings.samples(), set.size());
        if (n == 0) {
            throw new IllegalArgumentException(
                    "activation calibration needs images; the calibration set is empty");
        }
        for (String l : layers) {
            stage(l).observe(settings.method().newCalibrator());
        }
        Batches batches = new Batches(set, mean, std, BATCH);
        int[] order = Batches.identity(n);
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
                NDArray x = batches.images(m, order, from, to);
                model.block().forward(new ParameterStore(m, false), new NDList(x), false);
            }
        }
        Map<String, QuantParams> params = new LinkedHashMap<>();
        for (Map.Entry<String, ActivationStage> e : stages.entrySet()) {
            if (layers.contains(e.getKey())) {
                params.put(e.getKey(), e.getValue().calibrated(settings));
            }
        }
        quantize(params, false);
        return Collections.unmodifiableMap(params);
    }

    /**
     * Fake-quantizes the inputs of the layers in {@code params} (with the straight-through gradient
     * when {@code straightThrough}, for QAT); every other stage passes values through.
     */
    public void quantize(Map<String, QuantParams> params, boolean straightThrough) {
        for (String l : params.keySet()) {
            stage(l);
        }
        stages.forEach(
                (name, s) -> {
                    if (params.containsKey(name)) {
                        s.quantize(params.get(name), straightThrough);
                    } else {
                        s.pass();
                    }
                });
    }

    /**
     * Sets the stages up for QAT: the inputs of the layers in {@code params} are fake-quantized
     * with the straight-through gradient, starting from {@code params}. When {@code
     * settings.tracksRanges()} (min-max calibration, momentum below 1) each such range then follows
     * training: every training forward pass moves it toward the batch's min and max by an
     * exponential moving average with {@code settings.momentum()}; evaluation forward passes leave
     * it alone. Otherwise (percentile, MSE, momentum 1) the ranges stay fixed. Every other stage
     * passes values through. Read the ranges the model was trained with from {@link
     * #activationParams()} afterwards.
     */
    public void quantizeForTraining(Map<String, QuantParams> params, ActivationSettings settings) {
        if (!settings.tracksRanges()) {
            quantize(params, true);
            return;
        }
        for (String l : params.keySet()) {
            stage(l);
        }
        stages.forEach(
                (name, s) -> {
                    if (params.containsKey(name)) {
                        s.track(params.get(name), settings.momentum());
                    } else {
                        s.pass();
                    }
                });
    }

    /**
     * The parameters the quantizing stages use now, in layer order: after QAT with tracked ranges,
     * the trained ranges; otherwise what {@link #quantize} or {@link #calibrate} set.
     */
    public Map<String, QuantParams> activationParams() {
        Map<String, QuantParams> params = new LinkedHashMap<>();
        stages.forEach(
                (name, s) -> {
                    QuantParams p = s.params();
                    if (p != null) {
                        params.put(name, p);
                    }
                });
        return Collections.unmodifiableMap(params);
    }

    /** Copies this model's parameters (e.g. after QAT) into a plain model of the same spec. */
    public void copyParametersTo(FrontierModel target) {
        ModelCopy.copyParameters(model, target);
    }

    /** The staged model, usable with the training loop and the evaluator. */
    public FrontierModel model() {
        return model;
    }

    /** The stages by layer name, in layer order. */
    public Map<String, ActivationStage> stages() {
        return stages;
    }

    private ActivationStage stage(String layer) {
        ActivationStage s = stages.get(layer);
        if (s == null) {
            throw new IllegalArgumentException(
                    "no layer '"
                            + layer
                            + "' to quantize the input of; this model's layers are "
                            + stages.keySet());
        }
        return s;
    }

    @Override
    public void close() {
        model.close();
    }
}
