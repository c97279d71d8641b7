package dev.frontier.onnx.export;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.frontier.compress.LayerMap;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.quant.QuantPlan;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exports a zoo model to ONNX (opset {@value #OPSET}): input {@code input} of shape [N, C, H, W]
 * with a dynamic batch, output {@code logits} [N, classes]. BatchNorm is folded into the preceding
 * layer. With a {@link QuantPlan} the quantized layers get QuantizeLinear/DequantizeLinear pairs on
 * their inputs and int8 weights with per-channel scales — the QDQ form ONNX Runtime fuses into int8
 * kernels.
 */
public final class OnnxExporter {
    /** The ONNX opset the graphs use (per-axis QuantizeLinear needs 13). */
    public static final int OPSET = 13;

    /** Name of the graph input. */
    public static final String INPUT = "input";

    /** Name of the graph output. */
    public static final String OUTPUT = "logits";

    /**
     * Suffix of the extra outputs that {@link #withLayerInputsAsOutputs()} adds, e.g. {@code
     * conv2.input}.
     */
    public static final String LAYER_INPUT_SUFFIX = ".input";

    /**
     * The calibration points of the k-th residual sum (k from 1 in forward order): {@code addk.a}
     * and {@code addk.b} its two operands, {@code addk.out} its result — after the ReLU that
     * follows it, when one does (then the quantized sum is already rectified and ORT drops the
     * ReLU). The k-th global average pooling has one point, {@code poolk.in}, its input.
     */
    public static final List<String> ADD_POINTS = List.of(".a", ".b", ".out");

    private static final long IR_VERSION = 7;
    private final QuantPlan plan;
    private final boolean layerInputsAsOutputs;

    private OnnxExporter(QuantPlan plan, boolean layerInputsAsOutputs) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.layerInputsAsOutputs = layerInputsAsOutputs;
    }

    /** A plain fp32 exporter. */
    public static OnnxExporter fp32() {
        return new OnnxExporter(QuantPlan.none(), false);
    }

    /** A QDQ exporter for the given per-layer quantization. */
    public static OnnxExporter qdq(QuantPlan plan) {
        return new OnnxExporter(plan, false);
    }

    /**
     * The same exporter, but every layer's input is also a graph output named {@code <layer>.input}
     * (for calibration).
     */
    public OnnxExporter withLayerInputsAsOutputs() {
        return new OnnxExporter(plan, true);
    }

    /**
     * Exports {@code model}; arrays of the export live in a sub-manager closed before returning.
     */
    public ExportedModel export(FrontierModel model) {
        try (NDManager scope = model.djlModel().getNDManager().newSubManager()) {
            return export(model.spec(), model.block(), scope);
        }
    }

    /**
     * Exports an initialized {@code block} built for {@code spec} (e.g. a compressed copy of a zoo
     * block); {@code scope} holds the probe arrays used to recognize pooling blocks.
     *
     * @throws UnsupportedLayerException naming the first layer that has no ONNX translation
     */
    public ExportedModel export(ModelSpec spec, Block block, NDManager scope) {
        GraphBuilder g = new GraphBuilder();
        g.unique(INPUT);
        g.unique(OUTPUT);
        BlockLowering lowering = new BlockLowering(g, plan, LayerMap.of(block), scope);
        Tensor in = new Tensor(INPUT, new long[] {spec.channels(), spec.rows(), spec.cols()});
        Tensor out = lowering.lower(block, "", in);
        lowering.checkPlanCovered();
        if (out.rank() != 1 || out.dim(0) != spec.numClasses()) {
            throw new UnsupportedLayerException(
                    "output",
                    block.getClass().getSimpleName(),
                    "the model ends in " + out + ", expected " + spec.numClasses() + " logits");
        }
        GraphProto.Builder graph = g.graph().setName(spec.name());
        graph.addNode(
                ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                        .setOpType("Identity")
                        .setName("node.logits")
                        .addInput(out.name())
                        .addOutput(OUTPUT));
        graph.addInput(valueInfo(INPUT, List.of("N", spec.channels(), spec.rows(), spec.cols())));
        graph.addOutput(valueInfo(OUTPUT, List.of("N", spec.numClasses())));
        if (layerInputsAsOutputs) {
            Map<String, String> points = new java.util.LinkedHashMap<>(lowering.layerInputs());
            points.putAll(lowering.tensorPoints());
            for (Map.Entry<String, String> e : points.entrySet()) {
                String name = e.getKey() + LAYER_INPUT_SUFFIX;
                graph.addNode(
                        ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                                .setOpType("Identity")
                                .setName("node." + name)
                                .addInput(e.getValue())
                                .addOutput(name));
                graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(floatType()));
            }
        }
        ModelProto proto =
                ModelProto.newBuilder()
                        .setIrVersion(IR_VERSION)
                        .setProducerName("frontier")
                        .setProducerVersion("0.1")
                        .setDocString(spec.canonical())
                        .addOpsetImport(
                                OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                        .setGraph(graph)
                        .build();
        return new ExportedModel(
                spec,
                proto,
                plan.kernelPrecision(),
                lowering.layerInputs(),
                lowering.tensorPoints());
    }

    private static TypeProto.Builder floatType() {
        return TypeProto.newBuilder()
                .setTensorType(
                        TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE));
    }

    private static ValueInfoProto valueInfo(String name, List<Object> dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(
                    d instanceof String s
                            ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                            : TensorShapeProto.Dimension.newBuilder()
                                    .setDimValue(((Number) d).longValue()));
        }
        TypeProto.Builder type = floatType();
        type.getTensorTypeBuilder().setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
