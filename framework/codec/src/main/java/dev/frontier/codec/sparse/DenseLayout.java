package dev.frontier.codec.sparse;

/** Every element is stored; there is no index. */
public record DenseLayout(int length) implements SparseLayout {

    /** Validates a non-negative length. */
    public DenseLayout {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
    }

    @Override
    public LayoutKind kind() {
        return LayoutKind.DENSE;
    }

    @Override
    public int[] storedPositions() {
        int[] positions = new int[length];
        for (int i = 0; i < length; i++) {
            positions[i] = i;
        }
        return positions;
    }

    @Override
    public int storedCount() {
        return length;
    }

    @Override
    public byte[] indexBytes() {
        return new byte[0];
    }
}
