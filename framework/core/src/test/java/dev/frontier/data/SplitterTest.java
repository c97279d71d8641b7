package dev.frontier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitterTest {
    private final ImageSet pool = new SyntheticData(1, 8, 8, 4).generate(200, 7);

    @Test
    void sameSeed_givesTheSameSplit() {
        ImageSet[] a = Splitter.trainValidation(pool, 100, 0.2, 42);
        ImageSet[] b = Splitter.trainValidation(pool, 100, 0.2, 42);
        assertArrayEquals(a[0].labels(), b[0].labels());
        assertEquals(80, a[0].size());
        assertEquals(20, a[1].size());
        for (int i = 0; i < a[1].size(); i++) {
            assertEquals(a[1].pixel(i, 10), b[1].pixel(i, 10));
        }
    }

    @Test
    void differentSeed_givesADifferentSplit() {
        assertFalse(Arrays.equals(Splitter.permutation(200, 1), Splitter.permutation(200, 2)));
    }

    @Test
    void permutation_isABijection() {
        int[] p = Splitter.permutation(1000, 3);
        Set<Integer> seen = new HashSet<>();
        for (int v : p) {
            seen.add(v);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void synthetic_isDeterministicAndBalanced() {
        ImageSet a = new SyntheticData(1, 8, 8, 4).generate(40, 9);
        ImageSet b = new SyntheticData(1, 8, 8, 4).generate(40, 9);
        int[] counts = new int[4];
        for (int i = 0; i < 40; i++) {
            counts[a.label(i)]++;
            assertEquals(a.pixel(i, 17), b.pixel(i, 17));
        }
        assertArrayEquals(new int[] {10, 10, 10, 10}, counts);
    }
}
