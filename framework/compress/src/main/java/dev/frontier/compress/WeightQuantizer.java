package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Post-training quantization of weights, simulated in DJL: every conv/linear weight is replaced by
 * exactly the values the Frontier model file returns for it (same codec), so the accuracy measured
 * is the accuracy of the stored model. Biases and BatchNorm stay fp32.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {}

    /**
     * Fake-quantizes the model's weights in place and returns each layer's storage encoding. An
     * override naming an unknown layer fails with the list of layers.
     */
    public static Map<String, TensorEncoding> apply(FrontierModel model, QuantSettings settings) {
        LayerMap layers = LayerMap.of(model.block());
        for (String layer : settings.overrides().keySet()) {
            layers.get(layer);
        }
        Map<String, TensorEncoding> encodings = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            TensorEncoding enc = settings.encodingFor(l.name());
            encodings.put(l.name(), enc);
            if (settings.bitsFor(l.name()) == Limits.FLOAT_BITS) {
                continue;
            }
            NDArray w = l.weight().getArray();
            int[] shape = toInt(w.getShape().getShape());
            if (settings.perChannel() && shape[0] < 1) {
                throw new IllegalArgumentException(
                        "layer " + l.name() + " has no output channels to quantize per channel");
            }
            w.set(FloatBuffer.wrap(enc.fakeQuantize(w.toFloatArray(), shape)));
        }
        return encodings;
    }

    static int[] toInt(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }
}
