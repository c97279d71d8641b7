package dev.frontier.codec.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseLayoutsTest {

    private static int[] randomPositions(Random random, int length, double density) {
        boolean[] keep = new boolean[length];
        for (int i = 0; i < length; i++) {
            keep[i] = random.nextDouble() < density;
        }
        return SparseLayouts.positionsOf(keep);
    }

    @Test
    void relativeIndex_insertsFillerEntriesForGapsLongerThanTheField() {
        RelativeIndexLayout layout = RelativeIndexLayout.encode(new int[] {0, 20}, 25, 3);
        // 3-bit gaps reach at most 7 (a step of 8): 0 -> filler 8 -> filler 16 -> 20
        assertArrayEquals(new int[] {0, 7, 7, 3}, layout.gaps());
        assertArrayEquals(new int[] {0, 8, 16, 20}, layout.storedPositions());
        assertEquals(4, RelativeIndexLayout.entryCount(new int[] {0, 20}, 3));
    }

    @Test
    void relativeIndex_roundTripsThroughBytesAtEveryWidth() {
        Random random = new Random(21);
        int[] positions = randomPositions(random, 5000, 0.03);
        for (int k = 1; k <= 16; k++) {
            RelativeIndexLayout layout = RelativeIndexLayout.encode(positions, 5000, k);
            byte[] bytes = layout.indexBytes();
            assertEquals(RelativeIndexLayout.encodedLength(layout.storedCount(), k), bytes.length);
            assertEquals(layout, RelativeIndexLayout.decode(5000, bytes, 0));
            int[] stored = layout.storedPositions();
            int found = 0;
            for (int p : stored) {
                found += java.util.Arrays.binarySearch(positions, p) >= 0 ? 1 : 0;
            }
            assertEquals(positions.length, found, "every real position is stored at width " + k);
        }
    }

    @Test
    void bitmask_roundTripsThroughBytes() {
        int[] positions = randomPositions(new Random(22), 1001, 0.2);
        BitmaskLayout layout = new BitmaskLayout(1001, positions);
        byte[] bytes = layout.indexBytes();
        assertEquals(126, bytes.length);
        assertEquals(layout, BitmaskLayout.decode(1001, bytes, 0));
        assertArrayEquals(
                positions,
                SparseLayouts.decode(LayoutKind.BITMASK, 1001, bytes, 0).storedPositions());
    }

    @Test
    void cheapest_keepsDenseWhenFewZeros() {
        int[] positions = randomPositions(new Random(23), 1000, 0.99);
        SparseLayout layout = SparseLayouts.cheapest(positions, 1000, 8);
        assertEquals(LayoutKind.DENSE, layout.kind());
        assertEquals(8000, layout.totalBits(8));
    }

    @Test
    void cheapest_picksBitmaskAtModerateSparsity() {
        int[] positions = randomPositions(new Random(24), 1000, 0.5);
        SparseLayout layout = SparseLayouts.cheapest(positions, 1000, 8);
        assertEquals(LayoutKind.BITMASK, layout.kind());
        assertEquals(1000 + 8L * positions.length, layout.totalBits(8));
    }

    @Test
    void cheapest_picksRelativeIndexAtHighSparsity() {
        int[] positions = randomPositions(new Random(25), 10_000, 0.01);
        SparseLayout layout = SparseLayouts.cheapest(positions, 10_000, 4);
        assertEquals(LayoutKind.RELATIVE_INDEX, layout.kind());
        assertTrue(layout.totalBits(4) < 10_000 + 4L * positions.length);
    }

    @Test
    void cheapest_isNeverLargerThanAnyAlternative() {
        Random random = new Random(26);
        for (double density : new double[] {0, 0.001, 0.05, 0.1, 0.3, 0.7, 1}) {
            for (int valueBits : new int[] {1, 4, 8, 16, 32}) {
                int[] positions = randomPositions(random, 3000, density);
                long chosen =
                        SparseLayouts.cheapest(positions, 3000, valueBits).totalBits(valueBits);
                assertTrue(chosen <= new DenseLayout(3000).totalBits(valueBits));
                assertTrue(chosen <= new BitmaskLayout(3000, positions).totalBits(valueBits));
                for (int k = 1; k <= 16; k++) {
                    assertTrue(
                            chosen
                                    <= RelativeIndexLayout.encode(positions, 3000, k)
                                            .totalBits(valueBits),
                            "density " + density + " value bits " + valueBits + " k " + k);
                }
            }
        }
    }

    @Test
    void bestIndexBits_growsWithTheGapsBetweenNonZeros() {
        Random random = new Random(27);
        int dense = SparseLayouts.bestIndexBits(randomPositions(random, 50_000, 0.3), 4);
        int sparse = SparseLayouts.bestIndexBits(randomPositions(random, 50_000, 0.01), 4);
        assertTrue(dense < sparse, dense + " vs " + sparse);
    }

    @Test
    void allZeroTensor_storesNothing() {
        SparseLayout layout = SparseLayouts.cheapest(new int[0], 10_000, 8);
        assertEquals(0, layout.storedCount());
        assertEquals(LayoutKind.RELATIVE_INDEX, layout.kind());
        assertEquals(RelativeIndexLayout.HEADER_BYTES, layout.indexBytes().length);
    }

    @Test
    void relativeIndex_decodeRejectsEntriesPastTheEnd() {
        byte[] bytes = RelativeIndexLayout.encode(new int[] {3, 9}, 10, 4).indexBytes();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RelativeIndexLayout.decode(8, bytes, 0));
        assertTrue(e.getMessage().contains("position 9"), e.getMessage());
    }

    @Test
    void bitmask_decodeRejectsSetPaddingBits() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BitmaskLayout.decode(5, new byte[] {(byte) 0x81}, 0));
        assertTrue(e.getMessage().contains("padding bit 7"), e.getMessage());
    }

    @Test
    void layouts_rejectUnsortedPositions() {
        assertThrows(IllegalArgumentException.class, () -> new BitmaskLayout(10, new int[] {3, 3}));
        assertThrows(
                IllegalArgumentException.class,
                () -> SparseLayouts.cheapest(new int[] {5, 2}, 10, 8));
        assertThrows(
                IllegalArgumentException.class,
                () -> RelativeIndexLayout.encode(new int[] {10}, 10, 4));
    }

    @Test
    void layoutKind_rejectsUnknownIds() {
        assertEquals(LayoutKind.RELATIVE_INDEX, LayoutKind.fromId(2));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LayoutKind.fromId(7));
        assertTrue(e.getMessage().contains("unknown sparse layout id 7"), e.getMessage());
    }
}
