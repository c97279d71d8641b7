package dev.frontier.codec.entropy;

/**
 * Codes one tensor's mask and symbols with an adaptive range coder (FORMAT.md, "Context-coded
 * tensors").
 *
 * <p><b>Mask.</b> Position {@code (r, c)} is coded as one binary decision whose context combines a
 * density estimate with the neighbouring positions. The estimate adds, in the log-odds domain, the
 * row's running density (ones so far in row {@code r}) and the column's (ones in column {@code c}
 * of the rows above), each shrunk towards the tensor's running density, and subtracts the tensor's
 * density once (so a row and a column that are both as dense as the tensor give the tensor's
 * density); it is quantized to one of {@value #DENSITY_BUCKETS} half-nat buckets. The context is
 * that bucket, the previous bit in the row and the bit above (same column, previous row).
 *
 * <p><b>Symbols.</b> A stored symbol is coded as its magnitude (distance from the row's centre)
 * from an adaptive frequency table chosen by the row's class (side information such as the quantile
 * of the row's scale: with per-channel scales and one pruning threshold, a row's scale sets where
 * its surviving codes fall), then its sign when both sides of the centre exist. The previous code's
 * magnitude was tried as a context too; on trained LeNet-5 and LeNet-300-100 it cost more in
 * learning than it saved.
 *
 * <p>All arithmetic is integer (the logarithm table and the models' starting counts are computed
 * with {@link StrictMath}), so every platform codes the same bytes.
 */
public final class ContextCoder {

    static final int DENSITY_BUCKETS = 24;

    /** Pseudo-observations of the tensor's density added to a row's or a column's counts. */
    static final int SHRINK = 24;

    static final int MASK_LIMIT = 4096;
    static final int SYMBOL_LIMIT = 1 << 13;

    private static final int P_BITS = 12;
    private static final int P_ONE = 1 << P_BITS;

    /** Log-odds are in units of 1/256 nat; buckets are half a nat wide. */
    private static final int LOGIT_UNIT = 256;

    private ContextCoder() {}

    /** The range-coded bytes of {@code tensor}. */
    public static byte[] encode(SymbolTensor tensor) {
        RangeEncoder out = new RangeEncoder();
        MaskModel maskModel = new MaskModel(tensor.rows(), tensor.cols());
        int[] centres = tensor.centres();
        SymbolModel codes = new SymbolModel(tensor.alphabet(), centres, tensor.rowClasses());
        boolean[] mask = tensor.mask();
        int[] symbols = tensor.symbols();
        int cols = tensor.cols();
        int next = 0;
        for (int r = 0; r < tensor.rows(); r++) {
            int previous = -1;
            for (int c = 0; c < cols; c++) {
                boolean stored = mask == null || mask[r * cols + c];
                if (mask != null) {
                    maskModel.encode(out, r, c, stored);
                }
                if (stored) {
                    int s = symbols[next++];
                    codes.encode(out, r, previous, s);
                    previous = s;
                }
            }
        }
        return out.finish();
    }

    /**
     * Decodes {@code bytes[offset, offset + length)} as the tensor {@link #encode} wrote for a grid
     * of {@code rows x cols}, with a mask when {@code sparse}.
     *
     * @throws CorruptCodeStreamException if the bytes are truncated, too many, or not a stream
     *     {@link #encode} writes
     */
    public static SymbolTensor decode(
            byte[] bytes,
            int offset,
            int length,
            int rows,
            int cols,
            int alphabet,
            int[] centres,
            int[] rowClasses,
            boolean sparse) {
        // validates the grid, alphabet and centres before allocating for them
        if (rows < 1
                || cols < 1
                || (long) rows * cols > Integer.MAX_VALUE
                || centres.length != rows
                || rowClasses.length != rows
                || alphabet < 1
                || alphabet > SymbolTensor.MAX_ALPHABET) {
            throw new IllegalArgumentException(
                    "cannot decode a grid of "
                            + rows
                            + " x "
                            + cols
                            + " with "
                            + centres.length
                            + " centres and "
                            + alphabet
                            + " symbols");
        }
        RangeDecoder in = new RangeDecoder(bytes, offset, length);
        MaskModel maskModel = new MaskModel(rows, cols);
        SymbolModel codes = new SymbolModel(alphabet, centres, rowClasses);
        boolean[] mask = sparse ? new boolean[rows * cols] : null;
        int[] symbols = new int[rows * cols];
        int next = 0;
        for (int r = 0; r < rows; r++) {
            int previous = -1;
            for (int c = 0; c < cols; c++) {
                boolean stored = true;
                if (sparse) {
                    stored = maskModel.decode(in, r, c);
                    mask[r * cols + c] = stored;
                }
                if (stored) {
                    int s = codes.decode(in, r, previous);
                    symbols[next++] = s;
                    previous = s;
                }
            }
        }
        in.finish();
        return new SymbolTensor(
                rows,
                cols,
                alphabet,
                centres,
                rowClasses,
                mask,
                java.util.Arrays.copyOf(symbols, next));
    }

    /**
     * Codes a symbol as its magnitude (distance from the row's centre), from a frequency table
     * chosen by the row's class and the previous magnitude in the row, then, when both sides of the
     * centre are in the alphabet, its sign (context: the previous sign in the row).
     */
    private static final class SymbolModel {
        private final int alphabet;
        private final int[] centres;
        private final int[] rowClasses;
        private final AdaptiveFrequencies magnitudes;
        private final AdaptiveBits signs;

        SymbolModel(int alphabet, int[] centres, int[] rowClasses) {
            this.alphabet = alphabet;
            this.centres = centres;
            this.rowClasses = rowClasses;
            int largest = 0;
            for (int c : centres) {
                largest = Math.max(largest, Math.max(c, alphabet - 1 - c));
            }
            this.magnitudes =
                    new AdaptiveFrequencies(
                            SymbolTensor.ROW_CLASSES,
                            largest + 1,
                            Math.max(SYMBOL_LIMIT, 4 * (largest + 1)));
            int[] half = new int[3];
            java.util.Arrays.fill(half, 1 << 15);
            this.signs = new AdaptiveBits(3, MASK_LIMIT, half, 2);
        }

        void encode(RangeEncoder out, int r, int previous, int symbol) {
            int centre = centres[r];
            int m = Math.abs(symbol - centre);
            magnitudes.encode(out, context(r), m);
            if (m > 0 && centre - m >= 0 && centre + m < alphabet) {
                signs.encode(out, signContext(r, previous), symbol < centre ? 1 : 0);
            }
        }

        int decode(RangeDecoder in, int r, int previous) {
            int centre = centres[r];
            int m = magnitudes.decode(in, context(r));
            boolean below = centre - m >= 0;
            boolean above = centre + m < alphabet;
            if (!below && !above) {
                throw new CorruptCodeStreamException(
                        "corrupt range-coded stream: magnitude "
                                + m
                                + " outside the alphabet around centre "
                                + centre);
            }
            if (m > 0 && below && above) {
                return signs.decode(in, signContext(r, previous)) == 1 ? centre - m : centre + m;
            }
            return above ? centre + m : centre - m;
        }

        private int context(int r) {
            return rowClasses[r];
        }

        private int signContext(int r, int previous) {
            return previous < 0 || previous == centres[r] ? 0 : previous < centres[r] ? 1 : 2;
        }
    }

    /** Running counts and the binary models for the mask. */
    private static final class MaskModel {
        private final int cols;
        private final int[] columnOnes;
        private final boolean[] previousRow;
        private final boolean[] currentRow;
        private final int[] logit;
        private final AdaptiveBits bits;
        private int rowOnes;
        private long ones;
        private long seen;
        private int row = -1;

        MaskModel(int rows, int cols) {
            this.cols = cols;
            this.columnOnes = new int[cols];
            this.previousRow = new boolean[cols];
            this.currentRow = new boolean[cols];
            this.logit = logitTable();
            int contexts = DENSITY_BUCKETS * 4;
            int[] prior = new int[contexts];
            for (int ctx = 0; ctx < contexts; ctx++) {
                double x = ((ctx >> 2) - DENSITY_BUCKETS * 2 / 3 + 0.5) * 0.5;
                prior[ctx] = (int) (65536 / (1 + StrictMath.exp(-x)));
            }
            this.bits = new AdaptiveBits(contexts, MASK_LIMIT, prior, 2);
        }

        void encode(RangeEncoder out, int r, int c, boolean bit) {
            bits.encode(out, context(r, c), bit ? 1 : 0);
            update(c, bit);
        }

        boolean decode(RangeDecoder in, int r, int c) {
            boolean bit = bits.decode(in, context(r, c)) == 1;
            update(c, bit);
            return bit;
        }

        private int context(int r, int c) {
            if (r != row) {
                if (row >= 0) {
                    System.arraycopy(currentRow, 0, previousRow, 0, cols);
                }
                row = r;
                rowOnes = 0;
            }
            int density = clampP((int) (((2 * ones + 1) << P_BITS) / (2 * seen + 2)));
            int rowDensity =
                    clampP(
                            (int)
                                    ((((long) rowOnes << P_BITS) + (long) SHRINK * density)
                                            / (c + SHRINK)));
            int columnDensity =
                    clampP(
                            (int)
                                    ((((long) columnOnes[c] << P_BITS) + (long) SHRINK * density)
                                            / (r + SHRINK)));
            int x = logit[rowDensity] + logit[columnDensity] - logit[density];
            int bucket =
                    Math.max(0, Math.min(DENSITY_BUCKETS - 1, (x >> 7) + DENSITY_BUCKETS * 2 / 3));
            int left = c > 0 && currentRow[c - 1] ? 1 : 0;
            int above = r > 0 && previousRow[c] ? 1 : 0;
            return (bucket << 2) | (left << 1) | above;
        }

        private void update(int c, boolean bit) {
            currentRow[c] = bit;
            seen++;
            if (bit) {
                ones++;
                rowOnes++;
                columnOnes[c]++;
            }
        }
    }

    private static int clampP(int p) {
        return Math.max(1, Math.min(P_ONE - 1, p));
    }

    /** {@code logit[p] = round(256 ln(p / (4096 - p)))} for p in 1..4095. */
    private static int[] logitTable() {
        int[] table = new int[P_ONE];
        for (int p = 1; p < P_ONE; p++) {
            table[p] =
                    (int) StrictMath.round(LOGIT_UNIT * StrictMath.log((double) p / (P_ONE - p)));
        }
        return table;
    }
}
