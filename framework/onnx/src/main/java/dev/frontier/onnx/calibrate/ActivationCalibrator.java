package dev.frontier.onnx.calibrate;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.RangeCalibrator;
import dev.frontier.compress.LayerMap;
import dev.frontier.data.ImageSet;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.export.ExportedModel;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.quant.ActivationQuant;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import dev.frontier.onnx.runtime.OrtOptions;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Calibrates every layer's input range over a few images: the fp32 model is exported with each
 * layer's input as an extra output and run on ONNX Runtime; each layer's values feed one of the
 * codec's {@link RangeCalibrator}s ({@link CalibrationMethod#MIN_MAX min-max}, {@link
 * CalibrationMethod#PERCENTILE percentile} or {@link CalibrationMethod#MSE MSE}), whose 8-bit
 * asymmetric range becomes a uint8 scale and zero point.
 */
public final class ActivationCalibrator {
    /** Images in one ORT call when none is given. */
    public static final int DEFAULT_BATCH = 128;

    private final CalibrationMethod method;
    private final int maxImages;
    private final int batch;

    /**
     * Calibrates with {@code method} on at most {@code maxImages} images, {@code batch} at a time.
     */
    public ActivationCalibrator(CalibrationMethod method, int maxImages, int batch) {
        this.method = Objects.requireNonNull(method, "method");
        if (maxImages < 1 || batch < 1) {
            throw new IllegalArgumentException(
                    "maxImages and batch must be >= 1, got " + maxImages + ", " + batch);
        }
        this.maxImages = maxImages;
        this.batch = batch;
    }

    /**
     * Calibrates with {@code method} on at most {@code maxImages} images, {@value #DEFAULT_BATCH}
     * at a time.
     */
    public static ActivationCalibrator of(CalibrationMethod method, int maxImages) {
        return new ActivationCalibrator(method, maxImages, Math.min(DEFAULT_BATCH, maxImages));
    }

    /** Min-max over 512 images in batches of 128 — typical PTQ calibration. */
    public static ActivationCalibrator standard() {
        return new ActivationCalibrator(CalibrationMethod.MIN_MAX, 512, DEFAULT_BATCH);
    }

    /** The calibration method. */
    public CalibrationMethod method() {
        return method;
    }

    /** The most images calibrated on. */
    public int maxImages() {
        return maxImages;
    }

    /**
     * Per layer (LayerMap name), the uint8 quantization of its input over the first images of
     * {@code set}; then per residual-sum point ({@code add1.a}, ...), the quantization of that
     * tensor.
     */
    public Map<String, ActivationQuant> calibrate(
            FrontierModel model, ImageSet set, float mean, float std) {
        return calibrate(model, set, mean, std, true);
    }

    /**
     * Only the residual-sum and pooling points ({@code add1.a}, ..., {@code pool1.in}), for a plan
     * whose layer inputs were calibrated elsewhere ({@link QuantPlan#withTensors}); empty, without
     * running anything, for a model that has none.
     */
    public Map<String, ActivationQuant> tensorPoints(
            FrontierModel model, ImageSet set, float mean, float std) {
        return calibrate(model, set, mean, std, false);
    }

    private Map<String, ActivationQuant> calibrate(
            FrontierModel model, ImageSet set, float mean, float std, boolean layers) {
        ExportedModel probe = OnnxExporter.fp32().withLayerInputsAsOutputs().export(model);
        Map<String, RangeCalibrator> calibrators = new LinkedHashMap<>();
        for (String layer : layers ? probe.layerInputs().keySet() : java.util.Set.<String>of()) {
            calibrators.put(layer, method.newCalibrator());
        }
        for (String point : probe.tensorPoints().keySet()) {
            calibrators.put(point, method.newCalibrator());
        }
        if (calibrators.isEmpty()) {
            return Map.of();
        }
        Path file = null;
        try {
            file = Files.createTempFile("frontier-calibration", ".onnx");
            probe.write(file);
            try (OrtRuntime rt = OrtRuntime.load(file, model.spec(), OrtOptions.threads(0))) {
                int n = Math.min(maxImages, set.size());
                int size = set.imageSize();
                for (int from = 0; from < n; from += batch) {
                    int k = Math.min(batch, n - from);
                    float[] x = new float[k * size];
                    for (int i = 0; i < k; i++) {
                        set.copyNormalized(from + i, x, i * size, mean, std);
                    }
                    Map<String, float[]> outs = rt.runAll(x, k);
                    calibrators.forEach(
                            (layer, c) ->
                                    c.observe(outs.get(layer + OnnxExporter.LAYER_INPUT_SUFFIX)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "calibration of " + model.spec().canonical() + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
        Map<String, ActivationQuant> out = new LinkedHashMap<>();
        calibrators.forEach(
                (layer, c) -> out.put(layer, ActivationQuant.uint8Range(c.range(8, false))));
        return out;
    }

    /**
     * A plan quantizing every layer's weights with {@code weights} and its input with the
     * calibrated range, and every residual sum's operands and result with theirs (so the sums run
     * as int8 too).
     */
    public QuantPlan plan(
            FrontierModel model, ImageSet set, float mean, float std, WeightQuant weights) {
        Map<String, ActivationQuant> calibrated = calibrate(model, set, mean, std);
        List<String> layers = LayerMap.of(model.block()).names();
        Map<String, ActivationQuant> tensors = new LinkedHashMap<>(calibrated);
        tensors.keySet().removeAll(layers);
        return QuantPlan.uniform(layers, weights, calibrated).withTensors(tensors);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
