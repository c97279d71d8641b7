package dev.frontier.plan;

import dev.frontier.data.Checksums;
import dev.frontier.spec.Problem;
import dev.frontier.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The SHA-256 of the files a sweep names besides its data (pretrained weights, an ONNX teacher),
 * each read once per plan: they enter the stage keys, so a changed file is never mistaken for the
 * one an earlier run used.
 */
final class InputFiles {
    private final Map<Path, String> digests = new HashMap<>();

    /** The hex SHA-256 of {@code file}; a missing file is a spec problem at {@code where}. */
    String sha256(String where, Path file) {
        return digests.computeIfAbsent(
                file,
                f -> {
                    if (!Files.isRegularFile(f)) {
                        throw new SpecException(
                                Problem.at(
                                        where,
                                        "found no file "
                                                + f
                                                + ", expected "
                                                + (where.endsWith("onnx")
                                                        ? "an ONNX model file"
                                                        : "a DJL .params file or a Frontier checkpoint")));
                    }
                    return Checksums.sha256(f);
                });
    }
}
