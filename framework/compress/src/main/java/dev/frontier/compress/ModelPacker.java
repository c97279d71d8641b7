package dev.frontier.compress;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.frontier.codec.format.ModelFile;
import dev.frontier.codec.format.ModelFileReader;
import dev.frontier.codec.format.ModelFileWriter;
import dev.frontier.codec.format.NamedTensor;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a DJL model as a Frontier model file (see framework/codec/FORMAT.md) and reads one back
 * into a DJL model. Conv/linear weights take their layer's encoding (packed n-bit codes, sparse
 * positions when pruned); a layer's bias takes its bias encoding when one is given (fp16 where a
 * pass rounded the biases to half), else fp32, as BatchNorm parameters and statistics always are.
 * The metadata is the model spec, so the file alone rebuilds the model.
 */
public final class ModelPacker {
    private ModelPacker() {}

    /**
     * The model as a {@link ModelFile}: weights with {@code encodings} (layer name to encoding;
     * missing layers fp32), sparse position encoding when {@code sparse}, optional entropy coding.
     */
    public static ModelFile toModelFile(
            FrontierModel model,
            Map<String, TensorEncoding> encodings,
            boolean sparse,
            boolean entropyCoded) {
        return toModelFile(model, encodings, Map.of(), sparse, entropyCoded);
    }

    /**
     * As {@link #toModelFile(FrontierModel, Map, boolean, boolean)}, with {@code biasEncodings}
     * (layer name to the encoding of that layer's bias; missing layers fp32). The caller has put
     * the biases on that encoding's grid (e.g. rounded to half), so the file stores the model as it
     * is.
     */
    public static ModelFile toModelFile(
            FrontierModel model,
            Map<String, TensorEncoding> encodings,
            Map<String, TensorEncoding> biasEncodings,
            boolean sparse,
            boolean entropyCoded) {
        Map<Parameter, String> layerOfWeight = new HashMap<>();
        Map<Parameter, String> layerOfBias = new HashMap<>();
        for (LayerMap.Layer l : LayerMap.of(model.block()).layers()) {
            layerOfWeight.put(l.weight(), l.name());
            l.bias().ifPresent(b -> layerOfBias.put(b, l.name()));
        }
        List<NamedTensor> tensors = new ArrayList<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            Parameter param = p.getValue();
            String layer = layerOfWeight.get(param);
            String biasOf = layerOfBias.get(param);
            TensorEncoding enc =
                    layer != null
                            ? encodings
                                    .getOrDefault(layer, TensorEncoding.fp32())
                                    .withSparse(sparse)
                            : biasOf != null
                                    ? biasEncodings.getOrDefault(biasOf, TensorEncoding.fp32())
                                    : TensorEncoding.fp32();
            int[] shape = WeightQuantizer.toInt(param.getArray().getShape().getShape());
            tensors.add(new NamedTensor(p.getKey(), shape, param.getArray().toFloatArray(), enc));
        }
        return new ModelFile(model.spec().canonical(), tensors, entropyCoded);
    }

    /** Writes the file atomically and returns its size report. */
    public static SizeReport write(
            FrontierModel model,
            Map<String, TensorEncoding> encodings,
            boolean sparse,
            boolean entropyCoded,
            Path file)
            throws IOException {
        return ModelFileWriter.write(file, toModelFile(model, encodings, sparse, entropyCoded));
    }

    /**
     * As {@link #write(FrontierModel, Map, boolean, boolean, Path)}, with the biases' encodings
     * (see {@link #toModelFile(FrontierModel, Map, Map, boolean, boolean)}).
     */
    public static SizeReport write(
            FrontierModel model,
            Map<String, TensorEncoding> encodings,
            Map<String, TensorEncoding> biasEncodings,
            boolean sparse,
            boolean entropyCoded,
            Path file)
            throws IOException {
        return ModelFileWriter.write(
                file, toModelFile(model, encodings, biasEncodings, sparse, entropyCoded));
    }

    /** Reads a Frontier model file into a new DJL model on {@code device}. */
    public static FrontierModel read(Path file, Device device) throws IOException {
        return read(file, device, dev.frontier.model.ModelRegistry::provider);
    }

    /**
     * As {@link #read(Path, Device)}, finding the stored model's provider by name with {@code
     * providers}.
     */
    public static FrontierModel read(
            Path file,
            Device device,
            java.util.function.Function<String, dev.frontier.model.ModelProvider> providers)
            throws IOException {
        ModelFile mf = ModelFileReader.read(file);
        ModelSpec spec;
        try {
            spec = ModelSpec.parse(mf.metadata(), providers);
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": metadata is not a Frontier model spec: " + e.getMessage(), e);
        }
        FrontierModel model = FrontierModel.create(spec, device, 0);
        try {
            for (Pair<String, Parameter> p : model.block().getParameters()) {
                NamedTensor t = mf.tensor(p.getKey());
                if (t.parameterCount() != p.getValue().getArray().size()) {
                    throw new IOException(
                            file
                                    + ": tensor "
                                    + p.getKey()
                                    + " has "
                                    + t.parameterCount()
                                    + " values, "
                                    + spec.canonical()
                                    + " expects "
                                    + p.getValue().getArray().getShape());
                }
                p.getValue().getArray().set(FloatBuffer.wrap(t.values()));
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e instanceof IOException io
                    ? io
                    : new IOException(file + ": " + e.getMessage(), e);
        }
        return model;
    }
}
