package dev.frontier.onnx.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.onnx.quant.ActivationQuant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates nodes and initializers of one graph; one instance per export. Names are made unique
 * here.
 */
final class GraphBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, Integer> used = new HashMap<>();
    private final Map<String, String> quantizedActivations = new HashMap<>();
    private final Map<String, ActivationQuant> firstQuantization = new HashMap<>();

    GraphProto.Builder graph() {
        return graph;
    }

    /** A fresh name derived from {@code hint}. */
    String unique(String hint) {
        int n = used.merge(hint, 1, Integer::sum);
        return n == 1 ? hint : hint + "_" + n;
    }

    /** Adds a node with a single output and returns the output's name. */
    String node(String op, List<String> inputs, String outputHint, AttributeProto... attributes) {
        String out = unique(outputHint);
        NodeProto.Builder n =
                NodeProto.newBuilder()
                        .setOpType(op)
                        .setName(unique("node." + outputHint))
                        .addAllInput(inputs)
                        .addOutput(out);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return out;
    }

    String floats(String hint, float[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return initializer(hint, DataType.FLOAT, b.array(), dims);
    }

    String int8s(String hint, byte[] data, long... dims) {
        return initializer(hint, DataType.INT8, data, dims);
    }

    String int32s(String hint, int[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(data);
        return initializer(hint, DataType.INT32, b.array(), dims);
    }

    String int64s(String hint, long[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        return initializer(hint, DataType.INT64, b.array(), dims);
    }

    /**
     * Flattens all but the batch axis as {@code Reshape(x, [0, -1])}: unlike {@code Flatten}, ONNX
     * Runtime moves quantization across a Reshape, so the layer before it still fuses into an int8
     * kernel.
     */
    String flatten(String x, String hint) {
        String shape = int64s(hint + ".shape", new long[] {0, -1}, 2);
        return node("Reshape", List.of(x, shape), hint);
    }

    private String initializer(String hint, DataType type, byte[] raw, long... dims) {
        String name = unique(hint);
        TensorProto.Builder t =
                TensorProto.newBuilder()
                        .setName(name)
                        .setDataType(type.getNumber())
                        .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /**
     * {@code DequantizeLinear(QuantizeLinear(x))} with the given 8-bit quantization; reused for the
     * same tensor and settings.
     */
    String quantizeActivation(String x, ActivationQuant q) {
        String key = activationKey(x, q);
        String cached = quantizedActivations.get(key);
        if (cached != null) {
            return cached;
        }
        firstQuantization.putIfAbsent(x, q);
        String scale = floats(x + ".scale", new float[] {(float) q.scale()});
        String zp = zeroPoint(x + ".zero_point", q);
        String quantized = node("QuantizeLinear", List.of(x, scale, zp), x + ".q");
        String dequantized = node("DequantizeLinear", List.of(quantized, scale, zp), x + ".dq");
        quantizedActivations.put(key, dequantized);
        return dequantized;
    }

    /**
     * The patch columns of the (N, C, H, W) tensor {@code x} for a convolution with kernel {@code
     * kh x kw}, {@code strides}, {@code pads} and {@code dilations}, on 8-bit codes: x is quantized
     * once, padded spatially with its zero point, sliced once per kernel position ({@code ky * kw +
     * kx} in order, each (N, C, outH, outW)), concatenated along channels, padded with zero-point
     * channels up to {@code channels} and dequantized. A 1x1 convolution over the result with the
     * filter of {@link FoldedLayer#asPatchColumns(int)} computes the original convolution.
     */
    String quantizedPatches(
            String x,
            ActivationQuant q,
            long[] kernel,
            long[] strides,
            long[] pads,
            long[] dilations,
            long[] out,
            long inputChannels,
            int channels) {
        firstQuantization.putIfAbsent(x, q);
        String scale = floats(x + ".scale", new float[] {(float) q.scale()});
        String zp = zeroPoint(x + ".zero_point", q);
        String codes = node("QuantizeLinear", List.of(x, scale, zp), x + ".q");
        if (pads[0] > 0 || pads[1] > 0) {
            String spatial =
                    int64s(
                            x + ".patch_pads",
                            new long[] {0, 0, pads[0], pads[1], 0, 0, pads[0], pads[1]},
                            8);
            codes =
                    node(
                            "Pad",
                            List.of(codes, spatial, zeroPoint(x + ".pad_value", q)),
                            x + ".q.pad");
        }
        String axes = int64s(x + ".patch_axes", new long[] {2, 3}, 2);
        String steps = int64s(x + ".patch_steps", strides.clone(), 2);
        List<String> columns = new java.util.ArrayList<>();
        for (long ky = 0; ky < kernel[0]; ky++) {
            for (long kx = 0; kx < kernel[1]; kx++) {
                long y0 = ky * dilations[0];
                long x0 = kx * dilations[1];
                String starts = int64s(x + ".patch_starts", new long[] {y0, x0}, 2);
                String ends =
                        int64s(
                                x + ".patch_ends",
                                new long[] {
                                    y0 + (out[0] - 1) * strides[0] + 1,
                                    x0 + (out[1] - 1) * strides[1] + 1
                                },
                                2);
                columns.add(node("Slice", List.of(codes, starts, ends, axes, steps), x + ".patch"));
            }
        }
        String patches = node("Concat", columns, x + ".patches", Attributes.integer("axis", 1));
        long extra = channels - inputChannels * kernel[0] * kernel[1];
        if (extra > 0) {
            String channelPads =
                    int64s(x + ".patch_channel_pads", new long[] {0, 0, 0, 0, 0, extra, 0, 0}, 8);
            patches =
                    node(
                            "Pad",
                            List.of(patches, channelPads, zeroPoint(x + ".pad_value", q)),
                            x + ".patches.pad");
        }
        return node("DequantizeLinear", List.of(patches, scale, zp), x + ".patches.dq");
    }

    private static String activationKey(String x, ActivationQuant q) {
        return x + "|" + q.scale() + "|" + q.zeroPoint() + "|" + q.signed();
    }

    private String zeroPoint(String hint, ActivationQuant q) {
        return q.signed()
                ? int8s(hint, new byte[] {(byte) q.zeroPoint()})
                : initializer(hint, DataType.UINT8, new byte[] {(byte) q.zeroPoint()});
    }

    /**
     * Records that {@code dequantized} already holds values quantized with {@code q}: a later
     * {@link #quantizeActivation(String, ActivationQuant)} of it with the same settings returns it
     * as is, instead of a QuantizeLinear/DequantizeLinear pair ONNX Runtime would keep as a
     * requantization.
     */
    /**
     * The settings {@code x} was first quantized with, if it was: one tensor should get one
     * QuantizeLinear.
     */
    java.util.Optional<ActivationQuant> quantizationOf(String x) {
        return java.util.Optional.ofNullable(firstQuantization.get(x));
    }

    void markQuantized(String dequantized, ActivationQuant q) {
        firstQuantization.putIfAbsent(dequantized, q);
        quantizedActivations.put(activationKey(dequantized, q), dequantized);
    }

    /**
     * An int8 weight initializer (see {@link Int8Storage}) with its scales and zero points,
     * dequantized along axis 0 when there is more than one parameter set.
     */
    String dequantizedWeight(String hint, QuantizedTensor q) {
        String values = int8s(hint + ".quantized", Int8Storage.values(q), Int8Storage.dims(q));
        boolean perChannel = q.parameterCount() > 1;
        long[] scaleDims = perChannel ? new long[] {q.parameterCount()} : new long[0];
        String scale = floats(hint + ".scale", q.scales(), scaleDims);
        String zp = int8s(hint + ".zero_point", Int8Storage.zeroPoints(q), scaleDims);
        return perChannel
                ? node(
                        "DequantizeLinear",
                        List.of(values, scale, zp),
                        hint + ".dq",
                        Attributes.integer("axis", 0))
                : node("DequantizeLinear", List.of(values, scale, zp), hint + ".dq");
    }

    /**
     * An int32 bias dequantized with per-channel scales {@code inputScale * weightScale[c]}, as
     * int8 kernels expect.
     */
    String dequantizedBias(String hint, float[] bias, double inputScale, float[] weightScales) {
        int n = bias.length;
        int[] q = new int[n];
        float[] scales = new float[n];
        for (int c = 0; c < n; c++) {
            double s = inputScale * weightScales[weightScales.length == 1 ? 0 : c];
            scales[c] = (float) s;
            double v = Math.rint(bias[c] / scales[c]);
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        String values = int32s(hint + ".quantized", q, n);
        String scale = floats(hint + ".scale", scales, n);
        String zp = int32s(hint + ".zero_point", new int[n], n);
        return node(
                "DequantizeLinear",
                List.of(values, scale, zp),
                hint + ".dq",
                Attributes.integer("axis", 0));
    }
}
