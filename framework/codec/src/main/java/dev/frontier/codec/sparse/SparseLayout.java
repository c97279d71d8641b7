package dev.frontier.codec.sparse;

/**
 * Which element positions of a flat tensor of {@link #length()} elements have a stored value, and
 * how that set is encoded. Positions not stored are zero.
 */
public sealed interface SparseLayout permits DenseLayout, BitmaskLayout, RelativeIndexLayout {

    /** The encoding kind. */
    LayoutKind kind();

    /** Number of elements in the tensor. */
    int length();

    /** Positions with a stored value, ascending (relative indices include filler positions). */
    int[] storedPositions();

    /** Number of stored values. */
    int storedCount();

    /** The encoded index, self-delimiting given {@link #length()} (empty for dense). */
    byte[] indexBytes();

    /** Bits taken by the index plus {@code valueBits} for every stored value. */
    default long totalBits(int valueBits) {
        return indexBytes().length * 8L + (long) storedCount() * valueBits;
    }
}
