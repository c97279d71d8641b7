package dev.frontier.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.frontier.data.DataException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads trained weights into a freshly built model instead of training it: a DJL parameter file
 * (what {@code Model.save} writes, {@code <name>-0000.params}) or a Frontier checkpoint ({@code
 * model.ckpt}). Every parameter must have the shape the model gives it; DJL itself takes any shape
 * it reads, so the shapes are compared here, and a file that does not fit is one {@link
 * DataException} naming the file, the parameter and both shapes.
 */
public final class PretrainedWeights {
    private static final byte[] DJL_MAGIC = "DJL@".getBytes(StandardCharsets.US_ASCII);
    private static final int DJL_VERSION = 1;
    private static final String CHECKPOINT_MAGIC = "FRONTIER-CHECKPOINT";

    private PretrainedWeights() {}

    /** The format of a weights file, by its first bytes. */
    public enum Format {
        /** DJL's {@code Model.save} parameter file. */
        DJL_PARAMS,
        /** A Frontier {@link Checkpoint}. */
        FRONTIER_CHECKPOINT
    }

    /**
     * Replaces {@code model}'s weights with those in {@code file} and returns the file's format.
     *
     * @throws DataException when the file is missing, of neither format, or does not fit the model
     */
    public static Format load(FrontierModel model, Path file) {
        Map<String, Shape> expected = shapes(model);
        Format format;
        String holds;
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            in.mark(64);
            byte[] head = new byte[4];
            int n = in.read(head);
            in.reset();
            if (n == 4 && java.util.Arrays.equals(head, DJL_MAGIC)) {
                format = Format.DJL_PARAMS;
                holds = djlHeader(in, file);
            } else {
                format = Format.FRONTIER_CHECKPOINT;
                holds = checkpointHeader(in, file);
            }
            try {
                model.block().loadParameters(model.djlModel().getNDManager(), in);
            } catch (MalformedModelException | IOException | RuntimeException e) {
                mismatch(model, expected, file, holds)
                        .ifPresent(
                                m -> {
                                    throw m;
                                });
                throw new DataException(
                        file
                                + ": its parameters do not fit model "
                                + model.spec().canonical()
                                + holds
                                + ": "
                                + e.getMessage(),
                        e);
            }
            mismatch(model, expected, file, holds)
                    .ifPresent(
                            m -> {
                                throw m;
                            });
            if (in.read() != -1) {
                throw new DataException(
                        file
                                + ": holds more parameters than model "
                                + model.spec().canonical()
                                + " has"
                                + holds);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DataException(
                    file
                            + ": no such file (expected pretrained weights: a DJL .params file or a"
                            + " Frontier checkpoint)",
                    e);
        } catch (IOException e) {
            throw new DataException(
                    file + ": cannot read pretrained weights: " + e.getMessage(), e);
        }
        return format;
    }

    /** Every parameter's shape by its name in the block tree (e.g. {@code 01Conv2d_weight}). */
    private static Map<String, Shape> shapes(FrontierModel model) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            m.put(p.getKey(), p.getValue().getArray().getShape());
        }
        return m;
    }

    private static Optional<DataException> mismatch(
            FrontierModel model, Map<String, Shape> expected, Path file, String holds) {
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            Shape want = expected.get(p.getKey());
            Shape got = p.getValue().isInitialized() ? p.getValue().getArray().getShape() : null;
            if (got != null && want != null && !got.equals(want)) {
                return Optional.of(
                        new DataException(
                                file
                                        + ": parameter "
                                        + p.getKey()
                                        + " has shape "
                                        + got
                                        + " in the file, but model "
                                        + model.spec().canonical()
                                        + " expects "
                                        + want
                                        + holds));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads the header {@code Model.save} writes; returns what it says the file holds, for
     * messages.
     */
    private static String djlHeader(DataInputStream in, Path file) throws IOException {
        in.readFully(new byte[4]);
        int version = in.readInt();
        if (version != DJL_VERSION) {
            throw new DataException(
                    file + ": DJL parameter file version " + version + ", expected " + DJL_VERSION);
        }
        String name = in.readUTF();
        in.readUTF(); // data type
        int inputs = in.readInt();
        StringBuilder shapes = new StringBuilder();
        for (int i = 0; i < inputs; i++) {
            in.readUTF();
            shapes.append(i == 0 ? "" : ", ").append(Shape.decode(in));
        }
        int properties = in.readInt();
        for (int i = 0; i < properties; i++) {
            in.readUTF();
            in.readUTF();
        }
        return " (the file holds DJL model '"
                + name
                + "'"
                + (inputs > 0 ? " for input " + shapes : "")
                + ")";
    }

    private static String checkpointHeader(DataInputStream in, Path file) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            magic = "";
        }
        if (!CHECKPOINT_MAGIC.equals(magic)) {
            throw new DataException(
                    file
                            + ": neither a DJL parameter file (Model.save, starting 'DJL@') nor a Frontier"
                            + " checkpoint");
        }
        int version = in.readInt();
        if (version != 1) {
            throw new DataException(
                    file + ": checkpoint version " + version + ", this Frontier reads 1");
        }
        return " (the file holds " + in.readUTF() + ")";
    }
}
