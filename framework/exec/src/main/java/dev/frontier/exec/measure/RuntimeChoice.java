package dev.frontier.exec.measure;

import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.QuantSettings;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.quant.ActivationQuant;
import dev.frontier.onnx.quant.LayerQuant;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a trial's model is deployed on ONNX Runtime: layers quantized to 2..8 bits become QDQ int8
 * nodes (weights per channel or per tensor; activations with the very scales the quantize stage
 * calibrated and the simulated accuracy used), everything else fp32. Which kernels ORT really runs
 * is read back from the optimized graph, never assumed.
 */
public final class RuntimeChoice {
    private RuntimeChoice() {}

    /**
     * The QDQ plan for {@code model} under {@code settings} with calibrated {@code activations};
     * empty when nothing maps to int8.
     */
    static QuantPlan plan(
            FrontierModel model,
            Optional<QuantSettings> settings,
            Map<String, QuantParams> activations) {
        if (settings.isEmpty()) {
            return QuantPlan.none();
        }
        QuantSettings s = settings.get();
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        for (LayerMap.Layer l : LayerMap.of(model.block()).layers()) {
            int bits = s.bitsFor(l.name());
            if (bits >= 2 && bits <= 8) {
                WeightQuant w = new WeightQuant(bits, s.symmetric(), s.perChannel());
                QuantParams a = activations.get(l.name());
                layers.put(
                        l.name(),
                        a == null ? LayerQuant.weightsOnly(w) : LayerQuant.of(w, toOnnx(a)));
            }
        }
        return layers.isEmpty() ? QuantPlan.none() : new QuantPlan(layers);
    }

    /**
     * An 8-bit activation quantizer in ONNX terms: asymmetric = uint8 with zero point, symmetric =
     * int8.
     */
    static ActivationQuant toOnnx(QuantParams q) {
        if (q.bits() != 8) {
            throw new IllegalArgumentException(
                    "ONNX QDQ activations are 8-bit; got " + q.bits() + " bits");
        }
        return new ActivationQuant(q.scale(), q.zeroPoint(), q.symmetric());
    }
}
