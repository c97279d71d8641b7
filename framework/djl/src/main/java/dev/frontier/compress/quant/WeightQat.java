package dev.frontier.compress.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.QuantSettings;
import dev.frontier.model.FrontierModel;
import dev.frontier.train.TrainingHooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quantization-aware training of weights with a straight-through estimator: before each forward
 * pass every quantized layer's weight is swapped for its fake-quantized value (exactly what the
 * Frontier file stores), and before the optimizer step the fp32 weight is put back, so the gradient
 * computed at the quantized point updates the fp32 weights. One instance per training run.
 */
public final class WeightQat {
    private final QuantSettings settings;
    private final Map<String, float[]> fp32 = new LinkedHashMap<>();

    /** QAT at the settings' bits (per-layer overrides included; fp32 layers are left alone). */
    public WeightQat(QuantSettings settings) {
        this.settings = settings;
    }

    /** {@code hooks} with the weight swap added before the forward pass and the restore before the step. */
    public TrainingHooks addTo(TrainingHooks hooks) {
        return hooks.withBeforeForward(this::swapIn).withBeforeStep(this::restore);
    }

    /** Replaces each quantized layer's weight with its fake-quantized value, keeping the fp32 copy. */
    public void swapIn(FrontierModel model, int step) {
        if (!fp32.isEmpty()) {
            throw new IllegalStateException("step " + step + ": fp32 weights of " + fp32.keySet()
                    + " were not restored since the last forward pass");
        }
        for (LayerMap.Layer l : LayerMap.of(model.block()).layers()) {
            if (settings.bitsFor(l.name()) == 32) {
                continue;
            }
            NDArray w = l.weight().getArray();
            float[] values = w.toFloatArray();
            TensorEncoding enc = settings.encodingFor(l.name());
            fp32.put(l.name(), values);
            overwrite(w, enc.fakeQuantize(values, shape(w)));
        }
    }

    /** Puts the fp32 weights back (their gradients, taken at the quantized point, are kept). */
    public void restore(FrontierModel model, int step) {
        LayerMap layers = LayerMap.of(model.block());
        for (Map.Entry<String, float[]> e : fp32.entrySet()) {
            overwrite(layers.get(e.getKey()).weight().getArray(), e.getValue());
        }
        fp32.clear();
    }

    /**
     * Writes {@code values} into {@code w} with in-place arithmetic: unlike {@code NDArray.set(Buffer)},
     * this keeps the parameter an autograd leaf that requires a gradient.
     */
    private static void overwrite(NDArray w, float[] values) {
        try (NDManager scratch = w.getManager().newSubManager()) {
            w.muli(0).addi(scratch.create(values, w.getShape()));
        }
    }

    private static int[] shape(NDArray w) {
        long[] s = w.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }
}
