package dev.frontier.data;

import java.util.SplittableRandom;

/**
 * Seeded subsetting and train/validation splitting; the same seed gives the same split everywhere.
 */
public final class Splitter {
    private Splitter() {}

    /** A permutation of 0..n-1 that depends only on {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The training pool (limited to {@code limit} when > 0) split into [train, validation]. */
    public static ImageSet[] trainValidation(
            ImageSet pool, int limit, double validationFraction, long seed) {
        int[] perm = permutation(pool.size(), seed);
        int n = limit > 0 ? Math.min(limit, pool.size()) : pool.size();
        int nVal = (int) Math.round(n * validationFraction);
        int[] val = new int[nVal];
        int[] train = new int[n - nVal];
        System.arraycopy(perm, 0, val, 0, nVal);
        System.arraycopy(perm, nVal, train, 0, n - nVal);
        return new ImageSet[] {pool.select(train), pool.select(val)};
    }
}
