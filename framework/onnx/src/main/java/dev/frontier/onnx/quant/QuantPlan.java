package dev.frontier.onnx.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-layer quantization settings keyed by {@link dev.frontier.compress.LayerMap} names ({@code
 * conv1}, {@code fc2}, ...), and the 8-bit quantization of named intermediate tensors: the operands
 * and result of each residual sum ({@code add1.a}, {@code add1.b}, {@code add1.out}; see {@link
 * dev.frontier.onnx.export.OnnxExporter#ADD_POINTS}), so ONNX Runtime runs the sum as an int8
 * {@code QLinearAdd}, and the input of each global pooling ({@code pool1.in}). Layers not in the
 * plan are exported in fp32; a sum is quantized only when all three of its tensors are. This is the
 * hand-over point from a quantization pass (which knows bits and calibrated scales) to the QDQ
 * exporter.
 */
public record QuantPlan(Map<String, LayerQuant> layers, Map<String, ActivationQuant> tensors) {
    public QuantPlan {
        Objects.requireNonNull(layers, "layers");
        layers.forEach(
                (k, v) -> {
                    Objects.requireNonNull(k, "layer name");
                    Objects.requireNonNull(v, "settings of layer " + k);
                });
        layers = Map.copyOf(layers);
        tensors = Map.copyOf(tensors);
    }

    /** Layer settings only: residual sums stay fp32. */
    public QuantPlan(Map<String, LayerQuant> layers) {
        this(layers, Map.of());
    }

    /** The same layers with the tensors quantized as {@code quantized}. */
    public QuantPlan withTensors(Map<String, ActivationQuant> quantized) {
        return new QuantPlan(layers, quantized);
    }

    /** The quantization of tensor {@code name}, if any. */
    public Optional<ActivationQuant> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** No layer quantized: a plain fp32 export. */
    public static QuantPlan none() {
        return new QuantPlan(Map.of());
    }

    /**
     * Every named layer gets the same weight quantization and its own calibrated input
     * quantization; a layer missing from {@code inputs} is quantized weight-only.
     */
    public static QuantPlan uniform(
            List<String> layerNames, WeightQuant weights, Map<String, ActivationQuant> inputs) {
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
     * The kernel precision the plan asks for: {@code int8} when any layer has both weights and
     * inputs quantized (narrower widths also execute as int8), else {@code fp32}.
     */
    public String kernelPrecision() {
        return layers.values().stream().anyMatch(l -> l.input().isPresent()) ? "int8" : "fp32";
    }
}
