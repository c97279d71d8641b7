package dev.frontier.plan;

import java.util.Locale;
import java.util.Objects;

/**
 * What a stage of the plan does: train the baseline or the teacher, run one pipeline pass (of any
 * registered type), or measure a trial. Its {@link #name()} is part of every stage key, so a pass
 * stage's name is its pass's YAML name in upper case ({@code PRUNE}), as when the kinds were fixed.
 *
 * @param name the kind's name, upper case
 * @param isPass whether the stage runs a pipeline pass
 */
public record StageKind(String name, boolean isPass) {

    /** Trains the baseline model: the root of every path and the accuracy reference. */
    public static final StageKind TRAIN_BASELINE = new StageKind("TRAIN_BASELINE", false);

    /** Trains the teacher once for all distill stages. */
    public static final StageKind TRAIN_TEACHER = new StageKind("TRAIN_TEACHER", false);

    /**
     * Measures a trial's final model (accuracy, size, latency) on its runtime: the leaf of every
     * path.
     */
    public static final StageKind MEASURE = new StageKind("MEASURE", false);

    /** Checks the name. */
    public StageKind {
        Objects.requireNonNull(name, "name");
    }

    /** The kind of a stage running a pass named {@code passName} (its YAML key). */
    public static StageKind pass(String passName) {
        return new StageKind(passName.toUpperCase(Locale.ROOT).replace('-', '_'), true);
    }

    /** The YAML name of the pass this stage runs ({@code prune}); only for pass stages. */
    public String passName() {
        if (!isPass) {
            throw new IllegalStateException(name + " runs no pass");
        }
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The name, as stage keys hash it. */
    @Override
    public String toString() {
        return name;
    }
}
