package dev.frontier.analysis.chart;

import dev.frontier.analysis.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Chooses the labelled ticks of a logarithmic axis: round values (1-2-5 steps by default) that fit
 * without crowding, and their labels. Sizes in bytes tick at round KB/MB/GB values (1 KB = 1024 B),
 * so "20 KB" sits exactly at 20 × 1024 bytes; other metrics tick at round powers of ten and are
 * labelled compactly ("20k", "1.5M").
 */
final class LogTicks {

    /** Mantissas within a decade, from the densest to the sparsest; 1-2-5 is preferred. */
    private static final double[][] LEVELS = {
        {1, 1.5, 2, 3, 4, 5, 6, 8}, {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}
    };

    private static final int PREFERRED = 2;

    /** Fewer labels than this and a denser level is tried. */
    private static final int ENOUGH = 4;

    private LogTicks() {}

    /**
     * Returns the tick values in [min, max], ascending: 1-2-5 steps when that gives four to {@code
     * maxTicks} ticks, else denser steps (1-2-3-5, then 1-1.5-2-3-4-5-6-8) for a short range or
     * sparser ones (1-3, decades, every n-th decade) for a long one; evenly spaced round values
     * when the range is too short for two.
     *
     * @param min the axis minimum (positive), in base units (bytes for sizes)
     * @param max the axis maximum
     * @param bytes whether values are sizes in bytes
     * @param maxTicks the most labels that fit side by side
     * @return the tick values
     */
    static List<Double> choose(double min, double max, boolean bytes, int maxTicks) {
        if (!(min > 0) || !(max >= min)) {
            throw new IllegalArgumentException(
                    "a log axis needs 0 < min <= max, got " + min + ", " + max);
        }
        List<Double> preferred = inRange(candidates(min, max, bytes, LEVELS[PREFERRED]), min, max);
        if (preferred.size() >= ENOUGH && preferred.size() <= maxTicks) {
            return preferred;
        }
        if (preferred.size() < ENOUGH) {
            List<Double> best = preferred;
            for (int level = PREFERRED - 1; level >= 0; level--) {
                List<Double> denser = inRange(candidates(min, max, bytes, LEVELS[level]), min, max);
                if (denser.size() > maxTicks) {
                    break;
                }
                best = denser;
                if (best.size() >= ENOUGH) {
                    break;
                }
            }
            return best.size() >= 2 ? best : linear(min, max, bytes);
        }
        List<Double> sparser = preferred;
        for (int level = PREFERRED + 1;
                level < LEVELS.length && sparser.size() > maxTicks;
                level++) {
            sparser = inRange(candidates(min, max, bytes, LEVELS[level]), min, max);
        }
        int stride = 1;
        while (sparser.size() > maxTicks * stride) {
            stride++;
        }
        var thinned = new ArrayList<Double>();
        for (int i = 0; i < sparser.size(); i += stride) {
            thinned.add(sparser.get(i));
        }
        return thinned;
    }

    /**
     * Returns the label of a tick.
     *
     * @param value the tick value in base units
     * @param bytes whether values are sizes in bytes
     * @return e.g. "20 KB" or "1.5M"
     */
    static String label(double value, boolean bytes) {
        return bytes ? Units.bytes(value) : Units.compact(value);
    }

    /**
     * Round values between the decades (or byte units) around [min, max], at the given mantissas.
     */
    private static TreeSet<Double> candidates(
            double min, double max, boolean bytes, double[] mantissas) {
        var values = new TreeSet<Double>();
        int low = (int) Math.floor(Math.log10(min)) - 1;
        int high = (int) Math.ceil(Math.log10(max)) + 1;
        if (bytes) {
            for (int unit = 0; unit <= 4; unit++) {
                double size = Math.pow(1024, unit);
                for (int decade = 0; decade <= 3; decade++) {
                    for (double m : mantissas) {
                        double count = m * Math.pow(10, decade);
                        if (count < 1000 || unit == 4) {
                            values.add(count * size);
                        }
                    }
                }
            }
            return values;
        }
        for (int decade = low; decade <= high; decade++) {
            for (double m : mantissas) {
                values.add(Double.parseDouble(m + "E" + decade));
            }
        }
        return values;
    }

    private static List<Double> inRange(TreeSet<Double> values, double min, double max) {
        double slack = 1e-9 * max;
        return new ArrayList<>(values.subSet(min - slack, true, max + slack, true));
    }

    /** For a range too narrow for any round log value: three or so evenly spaced round values. */
    private static List<Double> linear(double min, double max, boolean bytes) {
        double unit = 1;
        if (bytes) {
            while (unit * 1024 <= max) {
                unit *= 1024;
            }
        }
        double span = (max - min) / unit;
        if (!(span > 0)) {
            return List.of(min);
        }
        double raw = span / 3;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step =
                raw / magnitude >= 5
                        ? 5 * magnitude
                        : raw / magnitude >= 2 ? 2 * magnitude : magnitude;
        var ticks = new ArrayList<Double>();
        for (double v = Math.ceil(min / unit / step) * step;
                v <= max / unit + step * 1e-9;
                v += step) {
            ticks.add(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v)) * unit);
        }
        return ticks;
    }
}
