package dev.frontier.spec;

import java.util.Objects;

/**
 * The teacher that distill passes learn from, trained once per sweep.
 *
 * @param model    the teacher architecture
 * @param training how the teacher is trained
 */
public record Teacher(ModelSpec model, Training training) {

    /** Checks that neither part is null. */
    public Teacher {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
    }
}
