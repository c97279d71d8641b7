package dev.frontier.codec.quant;

/**
 * A closed interval {@code [min, max]} of finite float values, e.g. a calibrated activation range.
 */
public record FloatRange(float min, float max) {

    /** Validates that both ends are finite and {@code min <= max}. */
    public FloatRange {
        if (!Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException(
                    "range ends must be finite, got [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException("range min " + min + " exceeds max " + max);
        }
    }

    /** Width {@code max - min}. */
    public double width() {
        return (double) max - min;
    }

    /** Whether {@code x} lies inside the range (ends included). */
    public boolean contains(float x) {
        return x >= min && x <= max;
    }
}
