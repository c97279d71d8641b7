package dev.frontier.codec.sparse;

import dev.frontier.codec.pack.BitPacker;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Chooses the cheapest layout for a tensor and decodes layouts from bytes. */
public final class SparseLayouts {

    /** Gap width whose fields are whole bytes. */
    public static final int BYTE_ALIGNED_INDEX_BITS = 8;

    private SparseLayouts() {}

    /**
     * The layout taking the fewest total bits (index plus {@code valueBits} per stored value) among
     * dense, bitmask and relative indices at the best width; ties prefer dense, then bitmask.
     */
    public static SparseLayout cheapest(int[] positions, int length, int valueBits) {
        requireAscending(positions, length);
        if (valueBits < 1) {
            throw new IllegalArgumentException("value bits must be >= 1, got " + valueBits);
        }
        long denseBits = (long) length * valueBits;
        long bitmaskBits =
                BitmaskLayout.encodedLength(length) * 8L + (long) positions.length * valueBits;
        int k = bestIndexBits(positions, valueBits);
        long relativeBits = relativeBits(positions, k, valueBits);
        if (denseBits <= bitmaskBits && denseBits <= relativeBits) {
            return new DenseLayout(length);
        }
        if (bitmaskBits <= relativeBits) {
            return new BitmaskLayout(length, positions);
        }
        return RelativeIndexLayout.encode(positions, length, k);
    }

    /**
     * The layouts worth comparing when an entropy coder follows: dense, bitmask, relative indices
     * at the raw-size-optimal width, and byte-aligned relative indices (8-bit gaps), which
     * byte-oriented entropy coders such as zstd compress best.
     */
    public static List<SparseLayout> candidates(int[] positions, int length, int valueBits) {
        requireAscending(positions, length);
        int k = bestIndexBits(positions, valueBits);
        List<SparseLayout> layouts = new ArrayList<>();
        layouts.add(new DenseLayout(length));
        layouts.add(new BitmaskLayout(length, positions));
        layouts.add(RelativeIndexLayout.encode(positions, length, k));
        if (k != BYTE_ALIGNED_INDEX_BITS) {
            layouts.add(RelativeIndexLayout.encode(positions, length, BYTE_ALIGNED_INDEX_BITS));
        }
        return layouts;
    }

    /** The relative-index gap width (1..16 bits) minimizing index plus filler-value bits. */
    public static int bestIndexBits(int[] positions, int valueBits) {
        int best = 1;
        long bestBits = Long.MAX_VALUE;
        for (int k = 1; k <= BitPacker.MAX_WIDTH; k++) {
            long bits = relativeBits(positions, k, valueBits);
            if (bits < bestBits) {
                bestBits = bits;
                best = k;
            }
        }
        return best;
    }

    /** Positions {@code i} where {@code stored[i]} is true, ascending. */
    public static int[] positionsOf(boolean[] stored) {
        int count = 0;
        for (boolean s : stored) {
            count += s ? 1 : 0;
        }
        int[] positions = new int[count];
        int k = 0;
        for (int i = 0; i < stored.length; i++) {
            if (stored[i]) {
                positions[k++] = i;
            }
        }
        return positions;
    }

    /**
     * Reads a layout of {@code kind} over {@code length} elements from {@code bytes} at {@code
     * offset}.
     *
     * @throws IllegalArgumentException if the bytes are short or inconsistent
     */
    public static SparseLayout decode(LayoutKind kind, int length, byte[] bytes, int offset) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case DENSE -> new DenseLayout(length);
            case BITMASK -> BitmaskLayout.decode(length, bytes, offset);
            case RELATIVE_INDEX -> RelativeIndexLayout.decode(length, bytes, offset);
        };
    }

    static void requireAscending(int[] positions, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        int previous = -1;
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (p <= previous || p >= length) {
                throw new IllegalArgumentException(
                        "position "
                                + p
                                + " at index "
                                + i
                                + " must be ascending and inside [0, "
                                + length
                                + ")");
            }
            previous = p;
        }
    }

    private static long relativeBits(int[] positions, int k, int valueBits) {
        long entries = RelativeIndexLayout.entryCount(positions, k);
        return RelativeIndexLayout.encodedLength(entries, k) * 8 + entries * valueBits;
    }
}
