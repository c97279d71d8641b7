package dev.frontier.spec;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The teacher that distill passes learn from: a model of the zoo trained once per sweep, or an ONNX
 * file run on ONNX Runtime (its logits for each training batch; the file takes the images
 * normalized as for training).
 *
 * @param model the teacher architecture; null for an ONNX teacher
 * @param training how the teacher is trained; null for an ONNX teacher
 * @param onnx the ONNX file (absolute path), or empty for a trained teacher
 */
public record Teacher(ModelSpec model, Training training, Optional<Path> onnx) {

    /** A trained teacher of {@code model}. */
    public Teacher(ModelSpec model, Training training) {
        this(model, training, Optional.empty());
    }

    /** A teacher given as an ONNX file. */
    public static Teacher onnx(Path file) {
        return new Teacher(null, null, Optional.of(file.toAbsolutePath().normalize()));
    }

    /** Checks that the teacher is either a model with its training or an ONNX file. */
    public Teacher {
        Objects.requireNonNull(onnx, "onnx");
        if (onnx.isPresent()) {
            if (model != null || training != null) {
                throw new IllegalArgumentException(
                        "an ONNX teacher has no model or training of its own");
            }
        } else {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(training, "training");
        }
    }

    /** Whether the teacher is an ONNX file rather than a model this sweep trains. */
    public boolean isOnnx() {
        return onnx.isPresent();
    }

    /** A short name for logs and tracking: the model's name, or {@code onnx:<file name>}. */
    public String describe() {
        return onnx.map(f -> "onnx:" + f.getFileName()).orElseGet(() -> model.name());
    }
}
