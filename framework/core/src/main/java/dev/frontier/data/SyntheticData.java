package dev.frontier.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic image dataset: each class is a fixed random blob pattern (derived from
 * the class index only) plus per-image noise and a small shift. Same seed, same images. For fast
 * unit tests and for trying the API without real data.
 */
public final class SyntheticData {
    private final int channels;
    private final int rows;
    private final int cols;
    private final int numClasses;

    /** A generator of images of the given shape over {@code numClasses} classes. */
    public SyntheticData(int channels, int rows, int cols, int numClasses) {
        if (channels < 1 || rows < 4 || cols < 4 || numClasses < 2) {
            throw new IllegalArgumentException("need channels >= 1, rows/cols >= 4, classes >= 2");
        }
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.numClasses = numClasses;
    }

    /** {@code count} images with balanced labels, a pure function of {@code seed}. */
    public ImageSet generate(int count, long seed) {
        int size = channels * rows * cols;
        float[][] prototypes = new float[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            prototypes[c] = prototype(c, size);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] px = new byte[count * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = i % numClasses;
            labels[i] = c;
            int dy = rnd.nextInt(3) - 1;
            int dx = rnd.nextInt(3) - 1;
            for (int ch = 0; ch < channels; ch++) {
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        int sy = Math.floorMod(y + dy, rows);
                        int sx = Math.floorMod(x + dx, cols);
                        float v =
                                prototypes[c][(ch * rows + sy) * cols + sx]
                                        + (float) rnd.nextGaussian() * 30f;
                        px[i * size + (ch * rows + y) * cols + x] =
                                (byte) Math.max(0, Math.min(255, Math.round(v)));
                    }
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            names.add("class-" + c);
        }
        return new ImageSet(px, labels, channels, rows, cols, names);
    }

    private float[] prototype(int c, int size) {
        SplittableRandom rnd = new SplittableRandom(0x9E3779B97F4A7C15L * (c + 1));
        float[] p = new float[size];
        for (int blob = 0; blob < 4; blob++) {
            int cy = rnd.nextInt(rows);
            int cx = rnd.nextInt(cols);
            double r = 2 + rnd.nextDouble() * rows / 5.0;
            for (int ch = 0; ch < channels; ch++) {
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                        p[(ch * rows + y) * cols + x] +=
                                (float) (200 * Math.exp(-d2 / (2 * r * r)));
                    }
                }
            }
        }
        return p;
    }
}
