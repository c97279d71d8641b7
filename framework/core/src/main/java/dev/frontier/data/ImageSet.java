package dev.frontier.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory set of labelled images: raw 8-bit pixels (count x channels x rows x cols, row-major)
 * and one label per image. Immutable by convention: the arrays are not exposed for writing.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int rows;
    private final int cols;
    private final List<String> classes;

    /** Creates an image set; checks that pixel and label counts agree. */
    public ImageSet(byte[] pixels, int[] labels, int channels, int rows, int cols, List<String> classes) {
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        this.labels = Objects.requireNonNull(labels, "labels");
        if (channels < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + rows + "x" + cols);
        }
        long per = (long) channels * rows * cols;
        if (pixels.length != per * labels.length) {
            throw new DataException("image/label count mismatch: " + pixels.length / per + " images vs "
                    + labels.length + " labels");
        }
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.classes = List.copyOf(classes);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new DataException("label " + labels[i] + " of image " + i + " is outside 0.."
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

    /** Raw pixel value (0..255) of image {@code i} at flat offset {@code p}. */
    public int pixel(int i, int p) {
        return pixels[i * imageSize() + p] & 0xFF;
    }

    /** Copies image {@code i} into {@code out} starting at {@code offset}, normalized as (x/255 - mean)/std. */
    public void copyNormalized(int i, float[] out, int offset, float mean, float std) {
        int n = imageSize();
        int base = i * n;
        float scale = 1f / (255f * std);
        float shift = mean / std;
        for (int p = 0; p < n; p++) {
            out[offset + p] = (pixels[base + p] & 0xFF) * scale - shift;
        }
    }

    /** A new set holding the given images, in the given order. */
    public ImageSet select(int[] indices) {
        int n = imageSize();
        byte[] px = new byte[indices.length * n];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * n, px, k * n, n);
            lb[k] = labels[indices[k]];
        }
        return new ImageSet(px, lb, channels, rows, cols, classes);
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
