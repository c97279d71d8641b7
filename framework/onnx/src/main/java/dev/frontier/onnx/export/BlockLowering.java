package dev.frontier.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.compress.LayerMap;
import dev.frontier.model.LowRankLayer;
import dev.frontier.onnx.quant.ActivationQuant;
import dev.frontier.onnx.quant.LayerQuant;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks a DJL block tree in forward order and emits the equivalent ONNX nodes. Opaque {@link
 * LambdaBlock}s are recognized by the names DJL gives them; a 2x2/2 max pooling is confirmed by
 * running the block on a probe. A factored layer ({@link LowRankLayer}) becomes two nodes, Gemm or
 * Conv ({@code fcN.a}, {@code fcN.b}), never the product of its factors. One instance per export.
 */
final class BlockLowering {
    /**
     * An int8 convolution with fewer input channels than this (a grayscale or RGB image's first
     * layer) is exported as a 1x1 convolution over its input's patch columns (im2col on the 8-bit
     * codes: Pad, one Slice per kernel position, Concat), zero channels appended up to a multiple
     * of this. ONNX Runtime 1.21's int8 convolution kernel (MLAS's AVX-512 VNNI indirect
     * convolution) needs input channels in multiples of 4 and pays per kernel position per output
     * pixel; as a 1x1 convolution it reads the input directly. Padding the 1-channel image to 4
     * channels instead ran the cnn's first layer at 0.4x the speed of ORT's fp32 convolution.
     */
    static final int MIN_INT8_CONV_INPUT_CHANNELS = 4;

    private final GraphBuilder g;
    private final QuantPlan plan;
    private final NDManager manager;
    private final Map<Block, LayerMap.Layer> layers = new IdentityHashMap<>();
    private final Map<String, String> layerInputs = new LinkedHashMap<>();
    private final Map<String, String> tensorPoints = new LinkedHashMap<>();
    private int adds;
    private int pools;

    BlockLowering(GraphBuilder g, QuantPlan plan, LayerMap layerMap, NDManager manager) {
        this.g = g;
        this.plan = plan;
        this.manager = manager;
        for (LayerMap.Layer l : layerMap.layers()) {
            layers.put(l.block(), l);
        }
    }

    /** Layer name to the graph value that is its (unquantized) input, in forward order. */
    Map<String, String> layerInputs() {
        return layerInputs;
    }

    /**
     * Calibration point of a residual sum ({@code add1.a}, ...) or a global pooling ({@code
     * pool1.in}) to its graph value, in forward order.
     */
    Map<String, String> tensorPoints() {
        return tensorPoints;
    }

    Tensor lower(Block b, String path, Tensor x) {
        if (b instanceof SequentialBlock) {
            return sequence(b, path, x);
        }
        if (FoldedLayer.isWeightLayer(b)) {
            return weightLayer(b, null, path, x);
        }
        if (b instanceof BatchNorm bn) {
            return batchNorm(bn, path, x);
        }
        if (b instanceof ParallelBlock) {
            return residual(b, path, x, false);
        }
        if (b instanceof LambdaBlock lambda) {
            return lambda(lambda, path, x);
        }
        throw new UnsupportedLayerException(
                path, b.getClass().getSimpleName(), "no ONNX translation for this block");
    }

    private Tensor sequence(Block b, String path, Tensor x) {
        ai.djl.nn.BlockList children = b.getChildren();
        Tensor t = x;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i).getValue();
            String childPath = join(path, children.get(i).getKey());
            Block next = i + 1 < children.size() ? children.get(i + 1).getValue() : null;
            if (FoldedLayer.isWeightLayer(child) && next instanceof BatchNorm bn) {
                t = weightLayer(child, bn, childPath, t);
                i++;
            } else if (child instanceof LowRankLayer pair
                    && next instanceof BatchNorm bn
                    && FoldedLayer.isWeightLayer(pair.first())
                    && FoldedLayer.isWeightLayer(pair.second())) {
                // a factored layer is two nodes; a BatchNorm after it folds into the second
                t = weightLayer(pair.first(), null, join(childPath, "a"), t);
                t = weightLayer(pair.second(), bn, join(childPath, "b"), t);
                i++;
            } else if (child instanceof ParallelBlock
                    && next instanceof LambdaBlock l
                    && "ReLU".equals(l.getName())) {
                t = residual(child, childPath, t, true);
                i++;
            } else {
                t = lower(child, childPath, t);
            }
        }
        return t;
    }

    private Tensor weightLayer(Block b, BatchNorm bn, String path, Tensor x) {
        LayerMap.Layer layer = layers.get(b);
        if (layer == null) {
            throw new UnsupportedLayerException(
                    path, b.getClass().getSimpleName(), "not found in the model's LayerMap");
        }
        String name = layer.name();
        FoldedLayer f = FoldedLayer.of(layer, bn);
        boolean conv = b instanceof Conv2d;
        checkInput(path, b, conv, f, x);
        layerInputs.put(name, x.name());
        Optional<LayerQuant> q = plan.get(name);
        String input = x.name();
        boolean patches = false;
        if (q.isPresent() && q.get().input().isPresent()) {
            ActivationQuant aq = q.get().input().get();
            WeightQuant wq = q.get().weights();
            if (conv && !wq.symmetric() && wq.perChannel() && f.shape()[0] > 1) {
                throw new UnsupportedLayerException(
                        path,
                        b.getClass().getSimpleName(),
                        "layer "
                                + name
                                + ": ONNX Runtime's int8 "
                                + "convolution needs one weight zero point for all output channels; asymmetric per-channel weights "
                                + "cannot run on it (use symmetric or per-tensor weights, or no activation quantization)");
            }
            if (conv
                    && ((Conv2d) b).getGroups() == 1
                    && f.shape()[1] < MIN_INT8_CONV_INPUT_CHANNELS) {
                patches = true;
                Conv2d c = (Conv2d) b;
                long[] k = c.getKernelShape().getShape();
                long cols = f.shape()[1] * k[0] * k[1];
                int channels =
                        (int)
                                ((cols + MIN_INT8_CONV_INPUT_CHANNELS - 1)
                                        / MIN_INT8_CONV_INPUT_CHANNELS
                                        * MIN_INT8_CONV_INPUT_CHANNELS);
                input =
                        g.quantizedPatches(
                                x.name(),
                                aq,
                                k,
                                c.getStride().getShape(),
                                c.getPadding().getShape(),
                                c.getDilation().getShape(),
                                convOutput(c, x),
                                f.shape()[1],
                                channels);
                f = f.asPatchColumns(channels);
            } else {
                input = g.quantizeActivation(x.name(), aq);
            }
        }
        String weight;
        String bias;
        if (q.isPresent()) {
            QuantizedTensor qw = quantizeWeights(name, f, q.get());
            weight = g.dequantizedWeight(name + ".weight", qw);
            bias =
                    q.get().input().isPresent()
                            ? g.dequantizedBias(
                                    name + ".bias",
                                    f.bias(),
                                    q.get().input().get().scale(),
                                    qw.scales())
                            : g.floats(name + ".bias", f.bias(), f.bias().length);
        } else {
            weight = g.floats(name + ".weight", f.weight(), f.shape());
            bias = g.floats(name + ".bias", f.bias(), f.bias().length);
        }
        if (patches) {
            long[] hw = convOutput((Conv2d) b, x);
            String out =
                    g.node(
                            "Conv",
                            List.of(input, weight, bias),
                            name,
                            Attributes.integers("kernel_shape", 1, 1));
            return new Tensor(out, new long[] {f.shape()[0], hw[0], hw[1]});
        }
        return conv
                ? convNode((Conv2d) b, name, input, weight, bias, f, x)
                : gemmNode(name, input, weight, bias, f);
    }

    /** The output height and width of {@code c} on {@code x}. */
    private static long[] convOutput(Conv2d c, Tensor x) {
        long[] k = c.getKernelShape().getShape();
        long[] s = c.getStride().getShape();
        long[] p = c.getPadding().getShape();
        long[] d = c.getDilation().getShape();
        return new long[] {
            (x.dim(1) + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1,
            (x.dim(2) + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1
        };
    }

    /**
     * The codec's quantization of a (BatchNorm-folded) weight; a NaN/inf weight is reported with
     * its layer.
     */
    private static QuantizedTensor quantizeWeights(String layer, FoldedLayer f, LayerQuant q) {
        try {
            return q.weights().quantizer().quantize(f.weight(), toInts(f.shape()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot quantize the weights of layer " + layer + ": " + e.getMessage(), e);
        }
    }

    private static int[] toInts(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }

    private static void checkInput(String path, Block b, boolean conv, FoldedLayer f, Tensor x) {
        String type = b.getClass().getSimpleName();
        if (conv && (x.rank() != 3 || x.dim(0) != f.shape()[1] * ((Conv2d) b).getGroups())) {
            throw new UnsupportedLayerException(
                    path, type, "expects " + f.shape()[1] + " input channels (C,H,W), gets " + x);
        }
        if (!conv && (x.rank() != 1 || x.dim(0) != f.shape()[1])) {
            throw new UnsupportedLayerException(
                    path,
                    type,
                    "expects a flat input of "
                            + f.shape()[1]
                            + " features, gets "
                            + x
                            + " (DJL's Linear on a higher-rank input is not exported)");
        }
    }

    private Tensor convNode(
            Conv2d c,
            String name,
            String input,
            String weight,
            String bias,
            FoldedLayer f,
            Tensor x) {
        long[] k = c.getKernelShape().getShape();
        long[] s = c.getStride().getShape();
        long[] p = c.getPadding().getShape();
        long[] d = c.getDilation().getShape();
        String out =
                g.node(
                        "Conv",
                        List.of(input, weight, bias),
                        name,
                        Attributes.integers("kernel_shape", k),
                        Attributes.integers("strides", s),
                        Attributes.integers("pads", p[0], p[1], p[0], p[1]),
                        Attributes.integers("dilations", d),
                        Attributes.integer("group", c.getGroups()));
        long h = (x.dim(1) + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
        long w = (x.dim(2) + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
        return new Tensor(out, new long[] {f.shape()[0], h, w});
    }

    private Tensor gemmNode(String name, String input, String weight, String bias, FoldedLayer f) {
        String out =
                g.node("Gemm", List.of(input, weight, bias), name, Attributes.integer("transB", 1));
        return new Tensor(out, new long[] {f.shape()[0]});
    }

    private Tensor batchNorm(BatchNorm bn, String path, Tensor x) {
        Map<String, float[]> p = new HashMap<>();
        for (Pair<String, Parameter> pair : bn.getDirectParameters()) {
            p.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        int c = (int) x.dim(0);
        if (x.rank() < 1 || p.get("runningMean") == null || p.get("runningMean").length != c) {
            throw new UnsupportedLayerException(
                    path, "BatchNorm", "needs running statistics for " + c + " channels of " + x);
        }
        float[] ones = new float[c];
        java.util.Arrays.fill(ones, 1f);
        String scale = g.floats(path + ".gamma", p.getOrDefault("gamma", ones), c);
        String beta = g.floats(path + ".beta", p.getOrDefault("beta", new float[c]), c);
        String mean = g.floats(path + ".mean", p.get("runningMean"), c);
        String var = g.floats(path + ".var", p.get("runningVar"), c);
        String out =
                g.node(
                        "BatchNormalization",
                        List.of(x.name(), scale, beta, mean, var),
                        "batchnorm",
                        Attributes.floating("epsilon", (float) FoldedLayer.BATCH_NORM_EPSILON));
        return new Tensor(out, x.shape());
    }

    /**
     * A two-branch residual sum, followed by a ReLU when {@code relu}. When the plan quantizes the
     * sum's operands and result, they are wrapped in QuantizeLinear/DequantizeLinear so ONNX
     * Runtime fuses a {@code QLinearAdd} and the convolutions feeding it become {@code
     * QLinearConv}s with int8 outputs.
     */
    private Tensor residual(Block b, String path, Tensor x, boolean relu) {
        ai.djl.nn.BlockList branches = b.getChildren();
        if (branches.size() != 2) {
            throw new UnsupportedLayerException(
                    path,
                    "ParallelBlock",
                    "only two-branch residual sums are exported, found "
                            + branches.size()
                            + " branches");
        }
        List<Tensor> outs = new ArrayList<>();
        for (Pair<String, Block> branch : branches) {
            outs.add(lower(branch.getValue(), join(path, branch.getKey()), x));
        }
        if (!java.util.Arrays.equals(outs.get(0).shape(), outs.get(1).shape())) {
            throw new UnsupportedLayerException(
                    path,
                    "ParallelBlock",
                    "branches end in different shapes "
                            + outs
                            + "; only a residual sum is exported");
        }
        String point = "add" + (++adds);
        // an operand already quantized (an identity shortcut: the input of the branch's first conv)
        // keeps its codes
        Optional<ActivationQuant> qa =
                g.quantizationOf(outs.get(0).name()).or(() -> plan.tensor(point + ".a"));
        Optional<ActivationQuant> qb =
                g.quantizationOf(outs.get(1).name()).or(() -> plan.tensor(point + ".b"));
        Optional<ActivationQuant> qo = plan.tensor(point + ".out");
        boolean quantized = qa.isPresent() && qb.isPresent() && qo.isPresent();
        String a =
                quantized ? g.quantizeActivation(outs.get(0).name(), qa.get()) : outs.get(0).name();
        String c =
                quantized ? g.quantizeActivation(outs.get(1).name(), qb.get()) : outs.get(1).name();
        tensorPoints.put(point + ".a", outs.get(0).name());
        tensorPoints.put(point + ".b", outs.get(1).name());
        String sum = g.node("Add", List.of(a, c), "residual");
        if (!relu) {
            tensorPoints.put(point + ".out", sum);
            return new Tensor(
                    quantized ? g.quantizeActivation(sum, qo.get()) : sum, outs.get(0).shape());
        }
        if (quantized && qo.get().representableMin() == 0) {
            // quantizing to a range that starts at zero already rectifies: no ReLU node, and
            // consumers
            // quantizing the same tensor with the same settings reuse these codes
            String rectified = g.quantizeActivation(sum, qo.get());
            g.markQuantized(rectified, qo.get());
            tensorPoints.put(point + ".out", rectified);
            return new Tensor(rectified, outs.get(0).shape());
        }
        String in = quantized ? g.quantizeActivation(sum, qo.get()) : sum;
        String out = g.node("Relu", List.of(in), "relu");
        tensorPoints.put(point + ".out", out);
        return new Tensor(out, outs.get(0).shape());
    }

    private Tensor lambda(LambdaBlock b, String path, Tensor x) {
        String type = "LambdaBlock '" + b.getName() + "'";
        switch (b.getName()) {
            case "ReLU":
                return new Tensor(g.node("Relu", List.of(x.name()), "relu"), x.shape());
            case "identity":
                return x;
            case "batchFlatten":
                return new Tensor(g.flatten(x.name(), "flatten"), new long[] {x.size()});
            case "globalAvgPool2d":
                if (x.rank() != 3) {
                    throw new UnsupportedLayerException(
                            path, type, "needs a (C,H,W) input, gets " + x);
                }
                // a quantized input lets ORT run the layer before the pooling on int8 kernels too
                String point = "pool" + (++pools) + ".in";
                tensorPoints.put(point, x.name());
                String pin =
                        plan.tensor(point)
                                .flatMap(q -> g.quantizationOf(x.name()).or(() -> Optional.of(q)))
                                .map(q -> g.quantizeActivation(x.name(), q))
                                .orElse(x.name());
                String pooled = g.node("GlobalAveragePool", List.of(pin), "gap");
                return new Tensor(g.flatten(pooled, "gap.flat"), new long[] {x.dim(0)});
            case "maxPool2d":
                checkMaxPool2x2(b, path, type, x);
                String out =
                        g.node(
                                "MaxPool",
                                List.of(x.name()),
                                "maxpool",
                                Attributes.integers("kernel_shape", 2, 2),
                                Attributes.integers("strides", 2, 2));
                return new Tensor(out, new long[] {x.dim(0), x.dim(1) / 2, x.dim(2) / 2});
            default:
                throw new UnsupportedLayerException(
                        path, type, "no ONNX translation for this function");
        }
    }

    /**
     * The pooling parameters hide in a closure: run the block on a seeded random probe and check
     * its output equals a 2x2, stride-2 max pooling computed here.
     */
    private void checkMaxPool2x2(LambdaBlock b, String path, String type, Tensor x) {
        if (x.rank() != 3) {
            throw new UnsupportedLayerException(path, type, "needs a (C,H,W) input, gets " + x);
        }
        int c = (int) x.dim(0);
        int h = (int) x.dim(1);
        int w = (int) x.dim(2);
        float[] in = new float[c * h * w];
        java.util.Random rnd = new java.util.Random(c * 31L + h);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) rnd.nextGaussian();
        }
        int oh = h / 2;
        int ow = w / 2;
        boolean ok;
        try (NDManager probe = manager.newSubManager()) {
            NDArray got =
                    b.forward(
                                    new ParameterStore(probe, false),
                                    new NDList(probe.create(in, new Shape(1, c, h, w))),
                                    false)
                            .singletonOrThrow();
            ok = got.getShape().equals(new Shape(1, c, oh, ow));
            float[] v = ok ? got.toFloatArray() : new float[0];
            for (int i = 0; ok && i < v.length; i++) {
                int ch = i / (oh * ow);
                int r = i / ow % oh;
                int col = i % ow;
                int base = ch * h * w + 2 * r * w + 2 * col;
                float max =
                        Math.max(
                                Math.max(in[base], in[base + 1]),
                                Math.max(in[base + w], in[base + w + 1]));
                ok = v[i] == max;
            }
        }
        if (!ok) {
            throw new UnsupportedLayerException(
                    path, type, "only 2x2 max pooling with stride 2 and no padding is exported");
        }
    }

    /**
     * Checks every layer named by the plan exists, so a typo cannot silently leave a layer in fp32.
     */
    void checkPlanCovered() {
        List<String> unknown =
                plan.layers().keySet().stream()
                        .filter(n -> !layerInputs.containsKey(n))
                        .sorted()
                        .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "quantization plan names layers "
                            + unknown
                            + " that this model does not have; its layers are "
                            + List.copyOf(layerInputs.keySet()));
        }
        List<String> unknownTensors =
                plan.tensors().keySet().stream()
                        .filter(n -> !tensorPoints.containsKey(n))
                        .sorted()
                        .toList();
        if (!unknownTensors.isEmpty()) {
            throw new IllegalArgumentException(
                    "quantization plan names tensors "
                            + unknownTensors
                            + " that this model does not "
                            + "have; its residual-sum and pooling points are "
                            + List.copyOf(tensorPoints.keySet()));
        }
    }

    private static String join(String path, String child) {
        return path.isEmpty() ? child : path + "/" + child;
    }
}
