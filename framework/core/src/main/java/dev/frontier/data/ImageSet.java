package dev.frontier.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled images: raw 8-bit pixels (count x channels x rows x cols, row-major)
 * and one label per image, or real-valued features of the same layout (tabular data, see {@link
 * #ofValues}). Immutable by convention: the arrays are not exposed for writing.
 */
public final class ImageSet {
    private final byte[] pixels;

    /** Real values instead of pixels (tabular data), or null for 8-bit pixels. */
    private final float[] values;

    private final int[] labels;
    private final int channels;
    private final int rows;
    private final int cols;
    private final List<String> classes;

    /** Creates an image set; checks that pixel and label counts agree. */
    public ImageSet(
            byte[] pixels, int[] labels, int channels, int rows, int cols, List<String> classes) {
        this(Objects.requireNonNull(pixels, "pixels"), null, labels, channels, rows, cols, classes);
    }

    /**
     * A set of real-valued examples (e.g. a table's feature rows as 1 x 1 x features): {@link
     * #copyNormalized} gives {@code (v - mean) / std} of each value {@code v}, without the 1/255
     * scaling of pixels.
     */
    public static ImageSet ofValues(
            float[] values, int[] labels, int channels, int rows, int cols, List<String> classes) {
        return new ImageSet(
                null,
                Objects.requireNonNull(values, "values"),
                labels,
                channels,
                rows,
                cols,
                classes);
    }

    private ImageSet(
            byte[] pixels,
            float[] values,
            int[] labels,
            int channels,
            int rows,
            int cols,
            List<String> classes) {
        this.pixels = pixels;
        this.values = values;
        this.labels = Objects.requireNonNull(labels, "labels");
        if (channels < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + rows + "x" + cols);
        }
        long per = (long) channels * rows * cols;
        long stored = pixels != null ? pixels.length : values.length;
        if (stored != per * labels.length) {
            throw new DataException(
                    "image/label count mismatch: "
                            + stored / per
                            + " images vs "
                            + labels.length
                            + " labels");
        }
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.classes = List.copyOf(classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new DataException(
                        "label "
                                + labels[i]
                                + " of image "
                                + i
                                + " is outside 0.."
                                + (classes.size() - 1));
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Pixels per image. */
    public int imageSize() {
        return channels * rows * cols;
    }

    public List<String> classes() {
        return classes;
    }

    public int numClasses() {
        return classes.size();
    }

    public int label(int i) {
        return labels[i];
    }

    /** Whether the examples are real values (tabular data) rather than 8-bit pixels. */
    public boolean isRealValued() {
        return values != null;
    }

    /**
     * Raw pixel value (0..255) of image {@code i} at flat offset {@code p}; only for pixel sets.
     */
    public int pixel(int i, int p) {
        if (values != null) {
            throw new IllegalStateException(
                    "a real-valued set has no 8-bit pixels; use value(i, p)");
        }
        return pixels[i * imageSize() + p] & 0xFF;
    }

    /**
     * The value {@link #copyNormalized} starts from: pixel/255 for pixel sets, the stored value
     * otherwise.
     */
    public float value(int i, int p) {
        return values != null
                ? values[i * imageSize() + p]
                : (pixels[i * imageSize() + p] & 0xFF) / 255f;
    }

    /**
     * Copies image {@code i} into {@code out} starting at {@code offset}, normalized as (x/255 -
     * mean)/std (as (v - mean)/std for a real-valued set).
     */
    public void copyNormalized(int i, float[] out, int offset, float mean, float std) {
        int n = imageSize();
        int base = i * n;
        if (values != null) {
            for (int p = 0; p < n; p++) {
                out[offset + p] = (values[base + p] - mean) / std;
            }
            return;
        }
        float scale = 1f / (255f * std);
        float shift = mean / std;
        for (int p = 0; p < n; p++) {
            out[offset + p] = (pixels[base + p] & 0xFF) * scale - shift;
        }
    }

    /** A new set holding the given images, in the given order. */
    public ImageSet select(int[] indices) {
        int n = imageSize();
        byte[] px = values == null ? new byte[indices.length * n] : null;
        float[] vs = values == null ? null : new float[indices.length * n];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            if (values == null) {
                System.arraycopy(pixels, indices[k] * n, px, k * n, n);
            } else {
                System.arraycopy(values, indices[k] * n, vs, k * n, n);
            }
            lb[k] = labels[indices[k]];
        }
        return new ImageSet(px, vs, lb, channels, rows, cols, classes);
    }

    /**
     * A real-valued copy whose values are {@code (v - mean[f]) / std[f]} per feature {@code f}
     * (flat offset); for standardizing table columns with statistics of the training split.
     */
    public ImageSet standardized(float[] mean, float[] std) {
        int n = imageSize();
        if (mean.length != n || std.length != n) {
            throw new IllegalArgumentException("need " + n + " means and standard deviations");
        }
        float[] vs = new float[size() * n];
        for (int i = 0; i < size(); i++) {
            for (int p = 0; p < n; p++) {
                vs[i * n + p] = (value(i, p) - mean[p]) / std[p];
            }
        }
        return new ImageSet(null, vs, labels, channels, rows, cols, classes);
    }

    /** The first {@code limit} images (all of them when limit is larger). */
    public ImageSet head(int limit) {
        if (limit >= size()) {
            return this;
        }
        int[] idx = new int[limit];
        Arrays.setAll(idx, k -> k);
        return select(idx);
    }

    /** A copy of the labels. */
    public int[] labels() {
        return labels.clone();
    }
}
