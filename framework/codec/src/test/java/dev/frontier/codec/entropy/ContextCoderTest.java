package dev.frontier.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextCoderTest {

    /** A tensor with {@code mask} (null = dense) and random symbols of a symmetric b-bit code. */
    private static SymbolTensor tensor(
            int rows, int cols, int bits, boolean[] mask, Random random) {
        int alphabet = (1 << bits) - 1;
        int centre = alphabet / 2;
        int stored = mask == null ? rows * cols : count(mask);
        int[] symbols = new int[stored];
        for (int i = 0; i < stored; i++) {
            int s;
            do {
                // peaked around the centre, like weights
                s = centre + (int) Math.round(random.nextGaussian() * Math.max(1, centre / 2.0));
            } while (s < 0 || s >= alphabet || (mask != null && s == centre));
            symbols[i] = s;
        }
        int[] centres = new int[rows];
        int[] classes = new int[rows];
        Arrays.fill(centres, centre);
        for (int r = 0; r < rows; r++) {
            classes[r] = r % SymbolTensor.ROW_CLASSES;
        }
        return new SymbolTensor(rows, cols, alphabet, centres, classes, mask, symbols);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean m : mask) {
            n += m ? 1 : 0;
        }
        return n;
    }

    private static boolean[] randomMask(int n, double density, Random random) {
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = random.nextDouble() < density;
        }
        return mask;
    }

    private static SymbolTensor roundTrip(SymbolTensor t) {
        byte[] coded = ContextCoder.encode(t);
        SymbolTensor back =
                ContextCoder.decode(
                        coded,
                        0,
                        coded.length,
                        t.rows(),
                        t.cols(),
                        t.alphabet(),
                        t.centres(),
                        t.rowClasses(),
                        t.sparse());
        assertEquals(t, back, t.toString());
        return back;
    }

    @Test
    void randomMasks_atManyDensities_andEveryBitWidth_roundTrip() {
        Random random = new Random(1);
        double[] densities = {0, 0.001, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1};
        for (int bits = 2; bits <= 8; bits++) {
            for (double d : densities) {
                int rows = 1 + random.nextInt(40);
                int cols = 1 + random.nextInt(300);
                roundTrip(tensor(rows, cols, bits, randomMask(rows * cols, d, random), random));
            }
            roundTrip(tensor(7, 33, bits, null, random));
        }
    }

    @Test
    void structuredMasks_roundTrip() {
        Random random = new Random(2);
        int rows = 60;
        int cols = 90;
        boolean[] columns = new boolean[rows * cols];
        boolean[] checker = new boolean[rows * cols];
        boolean[] blocks = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                columns[r * cols + c] = c % 7 == 0;
                checker[r * cols + c] = (r + c) % 2 == 0;
                blocks[r * cols + c] = (r / 10 + c / 15) % 3 == 0;
            }
        }
        for (boolean[] mask : new boolean[][] {columns, checker, blocks}) {
            roundTrip(tensor(rows, cols, 4, mask, random));
        }
    }

    @Test
    void emptyAllOnesTinyAndLarge_roundTrip() {
        Random random = new Random(3);
        SymbolTensor empty = roundTrip(tensor(5, 8, 4, new boolean[40], random));
        assertEquals(0, empty.symbols().length);
        boolean[] ones = new boolean[40];
        Arrays.fill(ones, true);
        assertEquals(40, roundTrip(tensor(5, 8, 4, ones, random)).symbols().length);
        roundTrip(tensor(1, 1, 2, new boolean[] {true}, random));
        roundTrip(tensor(1, 1, 8, new boolean[] {false}, random));
        roundTrip(tensor(1, 1, 3, null, random));
        roundTrip(tensor(300, 784, 4, randomMask(300 * 784, 0.1, random), random));
        roundTrip(tensor(64, 4096, 8, null, random));
    }

    @Test
    void asymmetricCodes_withPerRowCentres_roundTrip() {
        Random random = new Random(4);
        int rows = 12;
        int cols = 50;
        int alphabet = 256;
        boolean[] mask = randomMask(rows * cols, 0.3, random);
        int[] centres = new int[rows];
        for (int r = 0; r < rows; r++) {
            centres[r] = r == 0 ? 0 : r == 1 ? 255 : random.nextInt(alphabet);
        }
        int[] symbols = new int[count(mask)];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int s;
                do {
                    s = random.nextInt(alphabet);
                } while (s == centres[i / cols]);
                symbols[k++] = s;
            }
        }
        roundTrip(new SymbolTensor(rows, cols, alphabet, centres, new int[rows], mask, symbols));
    }

    /**
     * A 90%-sparse mask whose non-zeros cluster in some columns (live input features) and in runs
     * along rows beats {@code n * H(density)}, the bound for any coder of independent bits.
     */
    @Test
    void clusteredSparseMask_beatsTheOrderZeroBound() {
        Random random = new Random(5);
        int rows = 200;
        int cols = 400;
        double[] columnDensity = new double[cols];
        for (int c = 0; c < cols; c++) {
            columnDensity[c] = random.nextDouble() < 0.2 ? 0.4 : 0.025;
        }
        boolean[] mask = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean previous = c > 0 && mask[r * cols + c - 1];
                double p = previous ? Math.min(0.9, 2 * columnDensity[c]) : columnDensity[c];
                mask[r * cols + c] = random.nextDouble() < p;
            }
        }
        int ones = count(mask);
        double density = (double) ones / mask.length;
        assertTrue(density > 0.07 && density < 0.13, "about 90% sparse: " + density);
        double orderZeroBytes =
                mask.length
                        * -(density * Math.log(density) + (1 - density) * Math.log(1 - density))
                        / Math.log(2)
                        / 8;
        SymbolTensor maskOnly =
                new SymbolTensor(rows, cols, 1, new int[rows], new int[rows], mask, new int[ones]);
        int coded = ContextCoder.encode(maskOnly).length;
        roundTrip(maskOnly);
        assertTrue(
                coded < 0.85 * orderZeroBytes,
                "context-coded mask " + coded + " B vs order-0 bound " + orderZeroBytes + " B");
    }

    @Test
    void truncatedStream_isRejectedAtEveryLength() {
        Random random = new Random(6);
        SymbolTensor t = tensor(10, 30, 4, randomMask(300, 0.2, random), random);
        byte[] coded = ContextCoder.encode(t);
        for (int length = 0; length < coded.length; length++) {
            int n = length;
            CorruptCodeStreamException e =
                    assertThrows(
                            CorruptCodeStreamException.class,
                            () ->
                                    ContextCoder.decode(
                                            coded,
                                            0,
                                            n,
                                            10,
                                            30,
                                            15,
                                            t.centres(),
                                            t.rowClasses(),
                                            true),
                            "prefix of " + n + " bytes");
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void trailingBytes_areRejected() {
        Random random = new Random(7);
        SymbolTensor t = tensor(4, 25, 4, randomMask(100, 0.3, random), random);
        byte[] coded = Arrays.copyOf(ContextCoder.encode(t), ContextCoder.encode(t).length + 2);
        CorruptCodeStreamException e =
                assertThrows(
                        CorruptCodeStreamException.class,
                        () ->
                                ContextCoder.decode(
                                        coded,
                                        0,
                                        coded.length,
                                        4,
                                        25,
                                        15,
                                        t.centres(),
                                        t.rowClasses(),
                                        true));
        assertTrue(e.getMessage().contains("2 unread bytes"), e.getMessage());
    }

    /**
     * Damage without a checksum either raises the coder's own exception or decodes to another
     * tensor; never an unchecked crash (index out of bounds and the like).
     */
    @Test
    void corruptedBytes_raiseOnlyTheClearExceptionOrDecodeToSomethingElse() {
        Random random = new Random(8);
        SymbolTensor t = tensor(20, 40, 4, randomMask(800, 0.15, random), random);
        byte[] coded = ContextCoder.encode(t);
        int rejected = 0;
        int changed = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] broken = coded.clone();
            // damage before the last four bytes, which only carry the final interval's slack
            int at = random.nextInt(coded.length - 4);
            broken[at] ^= (byte) (1 + random.nextInt(255));
            try {
                SymbolTensor back =
                        ContextCoder.decode(
                                broken,
                                0,
                                broken.length,
                                20,
                                40,
                                15,
                                t.centres(),
                                t.rowClasses(),
                                true);
                assertNotEquals(t, back, "damage at byte " + at + " went unnoticed");
                changed++;
            } catch (CorruptCodeStreamException e) {
                rejected++;
            }
        }
        assertEquals(300, rejected + changed);
        assertTrue(rejected > 150, "most damage is detected by the coder itself: " + rejected);
    }

    @Test
    void rangeCoder_roundTripsSkewedBitsAndFrequencies_withCarries() {
        Random random = new Random(9);
        RangeEncoder out = new RangeEncoder();
        int n = 200_000;
        int[] bits = new int[n];
        int[] p0s = new int[n];
        int[] symbols = new int[n];
        for (int i = 0; i < n; i++) {
            // extreme and ordinary probabilities, and symbols against them, to force long runs of
            // 0xFF bytes and carries into them
            p0s[i] = i % 3 == 0 ? 65535 : i % 3 == 1 ? 1 + random.nextInt(65535) : 1;
            bits[i] = random.nextInt(100) < 99 ? (p0s[i] > 32768 ? 0 : 1) : random.nextInt(2);
            symbols[i] = random.nextInt(5);
            out.encodeBit(bits[i], p0s[i]);
            out.encode(
                    symbols[i] == 0 ? 0 : 60000 + symbols[i], symbols[i] == 0 ? 60000 : 1, 60005);
        }
        byte[] coded = out.finish();
        RangeDecoder in = new RangeDecoder(coded, 0, coded.length);
        for (int i = 0; i < n; i++) {
            assertEquals(bits[i], in.decodeBit(p0s[i]), "bit " + i);
            int target = in.target(60005);
            int symbol = target < 60000 ? 0 : target - 60000;
            assertEquals(symbols[i], symbol, "symbol " + i);
            in.consume(symbol == 0 ? 0 : 60000 + symbol, symbol == 0 ? 60000 : 1);
        }
        in.finish();
    }

    @Test
    void badArguments_areRejectedWithTheirValues() {
        RangeEncoder out = new RangeEncoder();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> out.encodeBit(0, 65536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new SymbolTensor(
                                        2,
                                        2,
                                        15,
                                        new int[] {7, 7},
                                        new int[2],
                                        null,
                                        new int[] {1, 2, 3, 15}));
        assertTrue(e.getMessage().contains("symbol 15 at index 3"), e.getMessage());
    }
}
