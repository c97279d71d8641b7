package dev.frontier.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.frontier.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A whole image set normalized once into one array on the training device; a batch is one gather by
 * index (what DJL's {@code ArrayDataset} does), so no per-batch Java copies or direct-buffer
 * allocations. The values are those of {@link Batches}: training on either gives the same inputs.
 */
final class DeviceBatches {
    /**
     * Images per array built on the host before concatenation (keeps each direct buffer under 2
     * GiB).
     */
    private static final long MAX_CHUNK_BYTES = 1L << 30;

    private final ImageSet set;
    private final NDArray images;
    private final NDArray labels;

    /** The set normalized with mean/std into arrays owned by {@code manager} (closed with it). */
    DeviceBatches(ImageSet set, float mean, float std, NDManager manager) {
        this.set = set;
        int n = set.size();
        int size = set.imageSize();
        int perChunk = (int) Math.max(1, Math.min(n, MAX_CHUNK_BYTES / (4L * size)));
        NDList chunks = new NDList();
        float[] row = new float[size];
        for (int from = 0; from < n; from += perChunk) {
            int to = Math.min(n, from + perChunk);
            ByteBuffer bytes = manager.allocateDirect((to - from) * size * 4);
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int i = from; i < to; i++) {
                set.copyNormalized(i, row, 0, mean, std);
                floats.put(row);
            }
            chunks.add(
                    manager.create(
                            bytes,
                            new Shape(to - from, set.channels(), set.rows(), set.cols()),
                            DataType.FLOAT32));
        }
        if (chunks.size() == 1) {
            this.images = chunks.get(0);
        } else {
            this.images = NDArrays.concat(chunks);
            chunks.close();
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = set.label(i);
        }
        this.labels = manager.create(y, new Shape(n));
    }

    /**
     * Images and float labels of {@code order[from..to)} as arrays in {@code manager}: (k, c, h, w)
     * and (k).
     */
    NDList batch(NDManager manager, int[] order, int from, int to) {
        long[] idx = new long[to - from];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = order[from + k];
        }
        NDIndex index = new NDIndex("{}", manager.create(idx));
        return new NDList(images.get(manager, index), labels.get(manager, index));
    }

    /** The label of image {@code i} of the set. */
    int label(int i) {
        return set.label(i);
    }
}
