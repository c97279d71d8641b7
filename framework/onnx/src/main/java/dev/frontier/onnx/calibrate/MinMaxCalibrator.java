package dev.frontier.onnx.calibrate;

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
import java.util.Map;

/**
 * Calibrates every layer's input range by min-max over a few images: the fp32 model is exported with
 * each layer's input as an extra output, run on ONNX Runtime, and the observed [min, max] (widened to
 * include 0) becomes a uint8 scale and zero point.
 */
public final class MinMaxCalibrator {
    private final int maxImages;
    private final int batch;

    /** Calibrates on at most {@code maxImages} images, {@code batch} at a time. */
    public MinMaxCalibrator(int maxImages, int batch) {
        if (maxImages < 1 || batch < 1) {
            throw new IllegalArgumentException("maxImages and batch must be >= 1, got " + maxImages + ", " + batch);
        }
        this.maxImages = maxImages;
        this.batch = batch;
    }

    /** 512 images in batches of 128 — typical PTQ calibration size. */
    public static MinMaxCalibrator standard() {
        return new MinMaxCalibrator(512, 128);
    }

    /** Per layer (LayerMap name), the uint8 quantization of its input over the first images of {@code set}. */
    public Map<String, ActivationQuant> calibrate(FrontierModel model, ImageSet set, float mean, float std) {
        ExportedModel probe = OnnxExporter.fp32().withLayerInputsAsOutputs().export(model);
        Map<String, float[]> ranges = new LinkedHashMap<>();
        for (String layer : probe.layerInputs().keySet()) {
            ranges.put(layer, new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY});
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
                    ranges.forEach((layer, r) -> observe(r, outs.get(layer + OnnxExporter.LAYER_INPUT_SUFFIX)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("calibration of " + model.spec().canonical() + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
        Map<String, ActivationQuant> out = new LinkedHashMap<>();
        ranges.forEach((layer, r) -> out.put(layer, ActivationQuant.uint8Range(r[0], r[1])));
        return out;
    }

    /** A plan quantizing every layer's weights with {@code weights} and its input with the calibrated range. */
    public QuantPlan plan(FrontierModel model, ImageSet set, float mean, float std, WeightQuant weights) {
        return QuantPlan.uniform(LayerMap.of(model.block()).names(), weights, calibrate(model, set, mean, std));
    }

    private static void observe(float[] range, float[] values) {
        for (float v : values) {
            range[0] = Math.min(range[0], v);
            range[1] = Math.max(range[1], v);
        }
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
