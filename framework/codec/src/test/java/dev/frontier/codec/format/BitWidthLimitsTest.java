package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.limits.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The codec stores exactly the bit widths {@link Limits} lets a sweep ask for: no more, no fewer.
 */
class BitWidthLimitsTest {

    @TempDir Path dir;

    private static final float[] VALUES = {-1.5f, -0.25f, 0f, 0.1f, 0.75f, 2f};
    private static final int[] SHAPE = {2, 3};

    @Test
    void everyAcceptedWidth_storesATensor_andEveryOtherWidthIsRefused() throws Exception {
        List<NamedTensor> stored = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        for (int bits = -1; bits <= 40; bits++) {
            for (boolean symmetric : new boolean[] {true, false}) {
                for (boolean perChannel : new boolean[] {false, true}) {
                    int b = bits;
                    if (Limits.isBits(bits, symmetric)) {
                        TensorEncoding encoding =
                                TensorEncoding.ofBits(bits, symmetric, perChannel);
                        assertEquals(bits, encoding.precision().bits());
                        stored.add(
                                new NamedTensor(
                                        "b"
                                                + bits
                                                + (symmetric ? "s" : "a")
                                                + (perChannel ? "c" : "t"),
                                        SHAPE,
                                        VALUES,
                                        encoding));
                    } else {
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> TensorEncoding.ofBits(b, symmetric, perChannel),
                                bits + " bits, symmetric " + symmetric);
                        if (!refused.contains(bits)) {
                            refused.add(bits);
                        }
                    }
                }
            }
        }
        // 1..8 with both symmetries except 1-bit symmetric, 16 and 32: 2 granularities each
        assertEquals((8 * 2 - 1 + 2 * 2) * 2, stored.size());
        assertTrue(refused.containsAll(List.of(0, 1, 9, 15, 17, 31, 33)), refused.toString());
        ModelFile model = new ModelFile("limits", stored).entropyCoded(true);
        Path file = dir.resolve("limits.frnt");
        ModelFileWriter.write(file, model);
        ModelFile read = ModelFileReader.read(file);
        for (int i = 0; i < stored.size(); i++) {
            NamedTensor t = stored.get(i);
            assertEquals(
                    t.encoding().precision().bits(),
                    read.tensors().get(i).encoding().precision().bits(),
                    t.name());
            assertArrayEquals(
                    t.encoding().fakeQuantize(VALUES, SHAPE),
                    read.tensors().get(i).values(),
                    t.name());
        }
    }

    @Test
    void twoBitSymmetric_andOneBitAsymmetric_quantizeToTheirFewLevels() {
        // 2-bit symmetric: codes -1, 0, 1 at scale max|x| = 2
        assertArrayEquals(
                new float[] {-2f, 0f, 0f, 0f, 0f, 2f},
                TensorEncoding.ofBits(2, true, false).fakeQuantize(VALUES, SHAPE));
        // 1-bit asymmetric: codes 0, 1 at scale 3.5 (the range), zero point rint(1.5 / 3.5) = 0
        assertArrayEquals(
                new float[] {0f, 0f, 0f, 0f, 0f, 3.5f},
                TensorEncoding.ofBits(1, false, false).fakeQuantize(VALUES, SHAPE));
    }
}
