package dev.frontier.onnx.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-layer quantization settings keyed by {@link dev.frontier.compress.LayerMap} names ({@code conv1},
 * {@code fc2}, ...). Layers not in the plan are exported in fp32. This is the hand-over point from a
 * quantization pass (which knows bits and calibrated scales) to the QDQ exporter.
 */
public record QuantPlan(Map<String, LayerQuant> layers) {
    public QuantPlan {
        Objects.requireNonNull(layers, "layers");
        layers.forEach((k, v) -> {
            Objects.requireNonNull(k, "layer name");
            Objects.requireNonNull(v, "settings of layer " + k);
        });
        layers = Map.copyOf(layers);
    }

    /** No layer quantized: a plain fp32 export. */
    public static QuantPlan none() {
        return new QuantPlan(Map.of());
    }

    /**
     * Every named layer gets the same weight quantization and its own calibrated input quantization;
     * a layer missing from {@code inputs} is quantized weight-only.
     */
    public static QuantPlan uniform(List<String> layerNames, WeightQuant weights, Map<String, ActivationQuant> inputs) {
        Map<String, LayerQuant> m = new LinkedHashMap<>();
        for (String name : layerNames) {
            m.put(name, new LayerQuant(weights, Optional.ofNullable(inputs.get(name))));
        }
        return new QuantPlan(m);
    }

    /** The settings of {@code layer}, if it is quantized. */
    public Optional<LayerQuant> get(String layer) {
        return Optional.ofNullable(layers.get(layer));
    }

    /** True when no layer is quantized. */
    public boolean isEmpty() {
        return layers.isEmpty();
    }

    /**
     * The kernel precision the plan asks for: {@code int8} when any layer has both weights and inputs
     * quantized (narrower widths also execute as int8), else {@code fp32}.
     */
    public String kernelPrecision() {
        return layers.values().stream().anyMatch(l -> l.input().isPresent()) ? "int8" : "fp32";
    }
}
