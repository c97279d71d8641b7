package dev.frontier.limits;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of what a sweep may ask for: bit widths, width multipliers, ratios,
 * temperatures, epochs and the other bounded numbers, and the model and dataset names. The sweep
 * validator (framework/spec), the JSON Schema (experiments/frontier-sweep.schema.json, held to
 * these by a test) and the engine (framework/codec, framework/model, framework/compress) all check
 * against these, so a value that validates also runs.
 */
public final class Limits {

    /** Smallest integer weight width. */
    public static final int MIN_INTEGER_BITS = 1;

    /** Largest integer weight width. */
    public static final int MAX_INTEGER_BITS = 8;

    /** Smallest symmetric integer width: 1-bit symmetric codes can only hold 0. */
    public static final int MIN_SYMMETRIC_BITS = 2;

    /** IEEE half precision. */
    public static final int HALF_BITS = 16;

    /** The fp32 reference: quantizing to 32 bits changes nothing. */
    public static final int FLOAT_BITS = 32;

    /**
     * The weight widths in words: {@code 1..8 (integer), 16 (half float) or 32 (float reference)}.
     */
    public static final String BITS_TEXT =
            MIN_INTEGER_BITS
                    + ".."
                    + MAX_INTEGER_BITS
                    + " (integer), "
                    + HALF_BITS
                    + " (half float) or "
                    + FLOAT_BITS
                    + " (float reference)";

    /** Model width multiplier. */
    public static final Interval WIDTH = Interval.openClosed(0, 16);

    /** Fraction of weights or channels pruned. */
    public static final Interval PRUNE_RATIO = Interval.closedOpen(0, 1);

    /** Distillation softmax temperature. */
    public static final Interval TEMPERATURE = Interval.above(0);

    /** Distillation weight of the soft-target loss. */
    public static final Interval ALPHA = Interval.closed(0, 1);

    /** Learning rate. */
    public static final Interval LEARNING_RATE = Interval.above(0);

    /**
     * A pass's own learning rate (fine-tuning, QAT): 0 means "the baseline training's", else &gt;
     * 0.
     */
    public static final Interval OPTIONAL_LEARNING_RATE = Interval.atLeast(0);

    /** Where gradual pruning reaches its ratio, as a fraction of the fine-tuning steps. */
    public static final Interval RAMP_END = Interval.openClosed(0, 1);

    /** SGD momentum or Adam's beta1. */
    public static final Interval MOMENTUM = Interval.closedOpen(0, 1);

    /** L2 weight decay. */
    public static final Interval WEIGHT_DECAY = Interval.atLeast(0);

    /** Fraction of the training examples held out for validation. */
    public static final Interval VALIDATION_FRACTION = Interval.closedOpen(0, 1);

    /** Fraction of a user's dataset held out as its test split when it has no test files. */
    public static final Interval TEST_FRACTION = new Interval(0, false, 1, false);

    /** Height or width a user's images are resized to. */
    public static final Interval IMAGE_SIDE = Interval.closed(1, 4096);

    /** A declared normalization standard deviation. */
    public static final Interval NORMALIZATION_STD = Interval.above(0);

    /** Epochs of a stage that must train: baseline, teacher, distilled student, finetune, QAT. */
    public static final Interval EPOCHS = Interval.atLeast(1);

    /**
     * Epochs of optional fine-tuning (after pruning; QAT epochs when the mode may be ptq): 0 skips
     * it.
     */
    public static final Interval OPTIONAL_EPOCHS = Interval.atLeast(0);

    /** Training batch size. */
    public static final Interval BATCH_SIZE = Interval.atLeast(1);

    /** Early-stopping patience in epochs; 0 disables early stopping. */
    public static final Interval PATIENCE = Interval.atLeast(0);

    /** Examples that calibrate activation ranges. */
    public static final Interval CALIBRATION_SAMPLES = Interval.atLeast(1);

    /** The generated dataset. */
    public static final String SYNTHETIC_DATASET = "synthetic";

    /** The datasets read from IDX files (descriptors in the repository's datasets/ folder). */
    public static final List<String> IDX_DATASET_NAMES = List.of("fashion-mnist", "mnist");

    /** Every dataset a sweep may name: the IDX datasets, then the generated one. */
    public static final List<String> DATASET_NAMES =
            List.of("fashion-mnist", "mnist", SYNTHETIC_DATASET);

    private Limits() {}

    /** Whether {@code bits} is an integer quantization width, 1..8. */
    public static boolean isIntegerBits(int bits) {
        return bits >= MIN_INTEGER_BITS && bits <= MAX_INTEGER_BITS;
    }

    /**
     * Whether {@code bits} is a weight width: 1..8 (integer), 16 (half) or 32 (float reference).
     */
    public static boolean isBits(int bits) {
        return isIntegerBits(bits) || bits == HALF_BITS || bits == FLOAT_BITS;
    }

    /**
     * Whether {@code bits} is a weight width usable with this symmetry (symmetric integer codes
     * need 2 bits).
     */
    public static boolean isBits(int bits, boolean symmetric) {
        return isBits(bits) && !(symmetric && bits < MIN_SYMMETRIC_BITS);
    }

    /** Every weight width, ascending: 1, 2, …, 8, 16, 32. */
    public static List<Integer> bits() {
        List<Integer> out = new ArrayList<>();
        for (int b = MIN_INTEGER_BITS; b <= MAX_INTEGER_BITS; b++) {
            out.add(b);
        }
        out.add(HALF_BITS);
        out.add(FLOAT_BITS);
        return List.copyOf(out);
    }

    /**
     * What a symmetric width below {@link #MIN_SYMMETRIC_BITS} needs instead, completing "expected
     * …".
     */
    public static String symmetricBitsText() {
        return "bits >= "
                + MIN_SYMMETRIC_BITS
                + " for symmetric quantization ("
                + (MIN_SYMMETRIC_BITS - 1)
                + "-bit symmetric codes can only hold 0), or symmetric: false";
    }
}
