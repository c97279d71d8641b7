package dev.frontier.codec.quant;

/** Calibrates to the exact observed minimum and maximum. */
final class MinMaxCalibrator implements RangeCalibrator {

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long count;

    @Override
    public void observe(float[] batch) {
        Shapes.requireFinite(batch, "calibration batch");
        for (float x : batch) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        count += batch.length;
    }

    @Override
    public long observedCount() {
        return count;
    }

    @Override
    public FloatRange range(int bits, boolean symmetric) {
        if (count == 0) {
            throw new IllegalStateException(
                    "no observations yet: call observe(batch) before asking for a range");
        }
        return new FloatRange(min, max);
    }
}
