package dev.frontier.exec;

import dev.frontier.compress.LayerMap;
import dev.frontier.compress.QuantSettings;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.quant.ActivationQuant;
import dev.frontier.onnx.quant.LayerQuant;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a trial's model is deployed on ONNX Runtime: layers quantized to 2..8 bits become QDQ int8 nodes
 * (weights per channel or per tensor; activations calibrated with the trial's own method and sample
 * count when it quantizes activations), everything else fp32. Which kernels ORT really runs is read back
 * from the optimized graph, never assumed.
 */
final class RuntimeChoice {
    private RuntimeChoice() {
    }

    /** The QDQ plan for {@code model} under {@code settings}; empty when nothing maps to int8. */
    static QuantPlan plan(FrontierModel model, Optional<QuantSettings> settings, RunContext ctx) {
        if (settings.isEmpty()) {
            return QuantPlan.none();
        }
        QuantSettings s = settings.get();
        Map<String, ActivationQuant> inputs = s.activations()
                ? ActivationCalibrator.of(s.calibration(), s.calibrationSamples())
                        .calibrate(model, ctx.data().validation(), ctx.data().mean(), ctx.data().std())
                : Map.of();
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        for (LayerMap.Layer l : LayerMap.of(model.block()).layers()) {
            int bits = s.bitsFor(l.name());
            if (bits >= 2 && bits <= 8) {
                WeightQuant w = new WeightQuant(bits, s.symmetric(), s.perChannel());
                ActivationQuant a = inputs.get(l.name());
                layers.put(l.name(), a == null ? LayerQuant.weightsOnly(w) : LayerQuant.of(w, a));
            }
        }
        return layers.isEmpty() ? QuantPlan.none() : new QuantPlan(layers);
    }
}
