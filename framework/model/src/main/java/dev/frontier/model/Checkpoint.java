package dev.frontier.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.frontier.engine.EngineSetup;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A trained model on disk: a header with the {@link ModelSpec} that built it, then DJL's parameter
 * stream. Written atomically (temp file + rename). Loading checks the spec before the parameters,
 * so a file of another architecture gives a clear error instead of a shape mismatch deep in DJL.
 */
public final class Checkpoint {
    private static final String MAGIC = "FRONTIER-CHECKPOINT";
    private static final int VERSION = 1;

    private Checkpoint() {}

    /** Writes the model's spec and parameters to {@code file}. */
    public static void save(FrontierModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(model.spec().canonical());
                model.block().saveParameters(out);
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads only the spec stored in a checkpoint. */
    public static ModelSpec readSpec(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return header(in, file, ModelRegistry::provider);
        }
    }

    /**
     * Loads a checkpoint onto {@code device}. When {@code expected} is given (e.g. the model the
     * user named) and the file holds another architecture, the error names both.
     */
    public static FrontierModel load(Path file, Device device, Optional<ModelSpec> expected)
            throws IOException {
        return load(file, device, expected, ModelRegistry::provider);
    }

    /**
     * As {@link #load(Path, Device, Optional)}, finding the stored model's provider by name with
     * {@code providers}.
     */
    public static FrontierModel load(
            Path file,
            Device device,
            Optional<ModelSpec> expected,
            java.util.function.Function<String, ModelProvider> providers)
            throws IOException {
        try (DataInputStream in = open(file)) {
            ModelSpec spec = header(in, file, providers);
            if (expected.isPresent() && !sameArchitecture(expected.get(), spec)) {
                throw new IllegalArgumentException(
                        file
                                + " holds a "
                                + spec.canonical()
                                + " model, not "
                                + expected.get().canonical()
                                + "; pass the matching --model/--width or another checkpoint");
            }
            Model m = Model.newInstance(spec.name(), device, EngineSetup.ENGINE);
            try {
                Block block = ModelZoo.build(spec);
                m.setBlock(block);
                block.initialize(m.getNDManager(), DataType.FLOAT32, ModelZoo.inputShape(spec));
                block.loadParameters(m.getNDManager(), in);
                return FrontierModel.wrap(spec, m);
            } catch (MalformedModelException | IOException | RuntimeException e) {
                m.close();
                throw new IOException(
                        file
                                + ": parameters do not fit "
                                + spec.canonical()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    private static boolean sameArchitecture(ModelSpec a, ModelSpec b) {
        return a.name().equals(b.name())
                && a.args().equals(b.args())
                && a.effectiveHidden().equals(b.effectiveHidden())
                && a.numClasses() == b.numClasses()
                && a.channels() == b.channels();
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream is = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(is));
    }

    private static ModelSpec header(
            DataInputStream in,
            Path file,
            java.util.function.Function<String, ModelProvider> providers)
            throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw new IOException(file + " is not a Frontier checkpoint (no header)", e);
        }
        if (!MAGIC.equals(magic)) {
            throw new IOException(
                    file + " is not a Frontier checkpoint (header '" + abbreviate(magic) + "')");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException(
                    file + ": checkpoint version " + version + ", this Frontier reads " + VERSION);
        }
        return ModelSpec.parse(in.readUTF(), providers);
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "..." : s;
    }
}
