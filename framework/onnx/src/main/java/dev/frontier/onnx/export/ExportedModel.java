package dev.frontier.onnx.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.frontier.model.ModelSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An exported model: the ONNX {@link ModelProto}, the spec it came from, the kernel precision its
 * QDQ form asks for ({@code fp32} or {@code int8}), the graph value feeding each layer and the
 * graph value of each residual sum's calibration point ({@code add1.a}, ...) — both for
 * calibration.
 */
public record ExportedModel(
        ModelSpec spec,
        ModelProto proto,
        String kernelPrecision,
        Map<String, String> layerInputs,
        Map<String, String> tensorPoints) {
    public ExportedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(proto, "proto");
        if (!List.of("fp32", "int8").contains(kernelPrecision)) {
            throw new IllegalArgumentException(
                    "kernelPrecision must be fp32 or int8, got " + kernelPrecision);
        }
        layerInputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layerInputs));
        tensorPoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensorPoints));
    }

    /** An export without residual-sum calibration points. */
    public ExportedModel(
            ModelSpec spec,
            ModelProto proto,
            String kernelPrecision,
            Map<String, String> layerInputs) {
        this(spec, proto, kernelPrecision, layerInputs, Map.of());
    }

    /** The serialized model. */
    public byte[] bytes() {
        return proto.toByteArray();
    }

    /** Size of the serialized model in bytes. */
    public long sizeBytes() {
        return proto.getSerializedSize();
    }

    /**
     * Writes the model to {@code file} atomically (temporary file, then rename) and returns the
     * file.
     */
    public Path write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                proto.writeTo(out);
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /**
     * Names of the graph's nodes' operator types, in order (e.g. to count {@code QuantizeLinear}s).
     */
    public List<String> opTypes() {
        return proto.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList();
    }
}
