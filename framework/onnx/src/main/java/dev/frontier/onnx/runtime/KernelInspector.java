package dev.frontier.onnx.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Asks ONNX Runtime which kernels it will run: opens a session with graph optimizations on, has ORT
 * save the optimized graph, and counts its operators. This is how a QDQ model's "int8" is verified
 * rather than assumed.
 *
 * <p>The graph is saved at {@code ORT_ENABLE_EXTENDED}, the level whose QDQ transformers fuse
 * DequantizeLinear/QuantizeLinear around a Conv or Gemm into {@code QLinearConv}/{@code QGemm}. The
 * running session uses all optimizations; the extra level-3 transformers only change data layout
 * (NCHWc/NHWC) and keep the operator type, so the precision read here is the one that runs. Saving
 * at the highest level would make ORT warn that the file holds hardware-specific NCHWc nodes, once
 * per session.
 */
public final class KernelInspector {
    private KernelInspector() {}

    /** The operators of {@code onnxFile} after ORT's graph optimizations. */
    public static KernelReport inspect(Path onnxFile) throws IOException {
        return inspect(onnxFile, true);
    }

    /**
     * The operators ORT runs for {@code onnxFile}: after graph optimizations, or none (then a QDQ
     * graph is executed literally, in fp32 — a simulation of int8).
     */
    public static KernelReport inspect(Path onnxFile, boolean optimize) throws IOException {
        return inspect(onnxFile, optimize ? OptLevel.EXTENDED_OPT : OptLevel.NO_OPT);
    }

    /** The operators of {@code onnxFile} after optimizing at {@code level}. */
    static KernelReport inspect(Path onnxFile, OptLevel level) throws IOException {
        Path optimized = Files.createTempFile("frontier-optimized", ".onnx");
        try {
            OrtEnvironment env = OrtEnvironments.get();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(level);
                options.setIntraOpNumThreads(1);
                U8S8Saturation.apply(options);
                options.setOptimizedModelFilePath(optimized.toString());
                try (OrtSession session = env.createSession(onnxFile.toString(), options)) {
                    session.getNumInputs();
                }
            } catch (OrtException e) {
                throw new IOException(
                        "ONNX Runtime cannot load " + onnxFile + ": " + e.getMessage(), e);
            }
            ModelProto proto;
            try (InputStream in = Files.newInputStream(optimized)) {
                proto = ModelProto.parseFrom(in);
            }
            Map<String, Integer> counts = new HashMap<>();
            for (NodeProto n : proto.getGraph().getNodeList()) {
                counts.merge(n.getOpType(), 1, Integer::sum);
            }
            return new KernelReport(counts);
        } finally {
            Files.deleteIfExists(optimized);
        }
    }
}
