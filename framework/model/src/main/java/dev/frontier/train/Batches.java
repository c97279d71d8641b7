package dev.frontier.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.frontier.data.ImageSet;

/** Turns images of an {@link ImageSet} into normalized NDArrays, one batch at a time. */
public final class Batches {
    private final ImageSet set;
    private final float[] normalized;
    private final float[] buffer;
    private final float[] labelBuffer;

    /**
     * Batches of up to {@code maxBatch} images normalized with mean/std; the whole set is
     * normalized once here, so a batch is a few row copies.
     */
    public Batches(ImageSet set, float mean, float std, int maxBatch) {
        this.set = set;
        int size = set.imageSize();
        this.normalized = new float[set.size() * size];
        for (int i = 0; i < set.size(); i++) {
            set.copyNormalized(i, normalized, i * size, mean, std);
        }
        this.buffer = new float[maxBatch * size];
        this.labelBuffer = new float[maxBatch];
    }

    /** Images {@code order[from..to)} as an (n, c, h, w) array in {@code manager}. */
    public NDArray images(NDManager manager, int[] order, int from, int to) {
        int n = to - from;
        int size = set.imageSize();
        for (int k = 0; k < n; k++) {
            System.arraycopy(normalized, order[from + k] * size, buffer, k * size, size);
        }
        float[] data =
                n * size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n * size);
        return manager.create(data, new Shape(n, set.channels(), set.rows(), set.cols()));
    }

    /** Labels {@code order[from..to)} as a float (n) array in {@code manager}. */
    public NDArray labels(NDManager manager, int[] order, int from, int to) {
        int n = to - from;
        for (int k = 0; k < n; k++) {
            labelBuffer[k] = set.label(order[from + k]);
        }
        float[] data =
                n == labelBuffer.length ? labelBuffer : java.util.Arrays.copyOf(labelBuffer, n);
        return manager.create(data, new Shape(n));
    }

    /** 0, 1, ..., size-1. */
    public static int[] identity(int size) {
        int[] o = new int[size];
        for (int i = 0; i < size; i++) {
            o[i] = i;
        }
        return o;
    }
}
