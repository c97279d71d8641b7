package dev.frontier.codec.entropy;

import java.util.Arrays;

/**
 * What {@link ContextCoder} codes for one tensor: a {@code rows x cols} grid (row-major; a row is
 * an output channel), an optional mask of stored positions ({@code null} when every position is
 * stored), and the stored positions' symbols in position order, each in {@code [0, alphabet)}.
 * {@code centres[r]} is the symbol meaning zero in row {@code r} (its zero-point code), from which
 * code magnitudes are measured. {@code rowClasses[r]} (0 to {@link #ROW_CLASSES}{@code - 1}) is
 * side information the decoder already has, such as the rank of the row's quantization scale: code
 * magnitudes are modelled per class.
 */
public record SymbolTensor(
        int rows,
        int cols,
        int alphabet,
        int[] centres,
        int[] rowClasses,
        boolean[] mask,
        int[] symbols) {

    /** Largest alphabet: 8-bit codes. */
    public static final int MAX_ALPHABET = 256;

    /** Number of row classes. */
    public static final int ROW_CLASSES = 4;

    /** Validates the grid, mask, symbols and centres against each other. */
    public SymbolTensor {
        if (rows < 1 || cols < 1 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid " + rows + " x " + cols + " is not allowed");
        }
        if (alphabet < 1 || alphabet > MAX_ALPHABET) {
            throw new IllegalArgumentException(
                    "alphabet " + alphabet + " outside 1.." + MAX_ALPHABET);
        }
        if (centres.length != rows) {
            throw new IllegalArgumentException(centres.length + " centres for " + rows + " rows");
        }
        for (int c : centres) {
            if (c < 0 || c >= alphabet) {
                throw new IllegalArgumentException(
                        "centre " + c + " outside the alphabet 0.." + (alphabet - 1));
            }
        }
        if (rowClasses.length != rows) {
            throw new IllegalArgumentException(
                    rowClasses.length + " row classes for " + rows + " rows");
        }
        for (int c : rowClasses) {
            if (c < 0 || c >= ROW_CLASSES) {
                throw new IllegalArgumentException(
                        "row class " + c + " outside 0.." + (ROW_CLASSES - 1));
            }
        }
        int stored = rows * cols;
        if (mask != null) {
            if (mask.length != rows * cols) {
                throw new IllegalArgumentException(
                        "mask of " + mask.length + " for " + rows * cols + " positions");
            }
            stored = 0;
            for (boolean m : mask) {
                stored += m ? 1 : 0;
            }
        }
        if (symbols.length != stored) {
            throw new IllegalArgumentException(
                    symbols.length + " symbols for " + stored + " stored positions");
        }
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] < 0 || symbols[i] >= alphabet) {
                throw new IllegalArgumentException(
                        "symbol "
                                + symbols[i]
                                + " at index "
                                + i
                                + " outside 0.."
                                + (alphabet - 1));
            }
        }
        centres = centres.clone();
        rowClasses = rowClasses.clone();
        mask = mask == null ? null : mask.clone();
        symbols = symbols.clone();
    }

    /** Whether a mask says which positions are stored. */
    public boolean sparse() {
        return mask != null;
    }

    @Override
    public int[] centres() {
        return centres.clone();
    }

    @Override
    public int[] rowClasses() {
        return rowClasses.clone();
    }

    @Override
    public boolean[] mask() {
        return mask == null ? null : mask.clone();
    }

    @Override
    public int[] symbols() {
        return symbols.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolTensor t
                && rows == t.rows
                && cols == t.cols
                && alphabet == t.alphabet
                && Arrays.equals(centres, t.centres)
                && Arrays.equals(rowClasses, t.rowClasses)
                && Arrays.equals(mask, t.mask)
                && Arrays.equals(symbols, t.symbols);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(symbols) * 31 + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return "SymbolTensor["
                + rows
                + "x"
                + cols
                + ", alphabet "
                + alphabet
                + ", "
                + symbols.length
                + " stored"
                + (mask == null ? ", dense" : "")
                + "]";
    }
}
