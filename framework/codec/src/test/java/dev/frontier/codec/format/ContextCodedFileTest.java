package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContextCodedFileTest {

    private static ModelFile lenet(boolean zstd) {
        return new ModelFile(
                        "lenet5-like",
                        LeNet5LikeWeights.tensors(7, 0.9).stream()
                                .map(
                                        t ->
                                                t.name().endsWith("weight")
                                                        ? t.withEncoding(
                                                                TensorEncoding.quantized(
                                                                                4, true, true)
                                                                        .withSparse(true))
                                                        : t)
                                .toList())
                .entropyCoded(zstd);
    }

    private static void assertSameValues(ModelFile expected, ModelFile actual) {
        assertEquals(expected.tensors().size(), actual.tensors().size());
        for (int i = 0; i < expected.tensors().size(); i++) {
            assertArrayEquals(
                    expected.tensors().get(i).values(),
                    actual.tensors().get(i).values(),
                    expected.tensors().get(i).name());
        }
    }

    @Test
    void prunedInt4Model_isContextCodedInAVersion2File_andReadsBackExactly() throws Exception {
        ModelFile model = lenet(true);
        byte[] bytes = ModelFileWriter.toBytes(model);
        assertEquals(2, bytes[4], "format version");
        SizeReport report = ModelFileWriter.sizeOf(model);
        TensorSize fc1 =
                report.tensors().stream()
                        .filter(t -> t.name().equals("fc1.weight"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(fc1.encoding().endsWith(" ctx"), fc1.encoding());
        assertEquals(0, fc1.indexBytes());
        assertTrue(
                report.tensors().stream()
                        .filter(t -> t.name().endsWith("bias"))
                        .noneMatch(t -> t.encoding().contains("ctx")),
                "fp32 biases stay in the streams");
        ModelFile back = ModelFileReader.fromBytes(bytes, "lenet.frnt");
        assertSameValues(model.fakeQuantized(), back);
        assertEquals(report.fileBytes(), bytes.length);
    }

    @Test
    void contextCodedFile_isBelowTheOrderZeroFloorPlusHeaders() throws Exception {
        ModelFile model = lenet(true);
        long floor = EntropyFloor.bytes(model);
        int bytes = ModelFileWriter.toBytes(model).length;
        // ten records of about 30 bytes and the file header come on top of the floor; the
        // synthetic masks are random, so the contexts gain little on the positions themselves
        assertTrue(bytes < floor + 400, bytes + " B vs order-0 floor " + floor + " B");
    }

    @Test
    void withoutEntropyCoding_theWriterStillWritesVersion1() {
        byte[] bytes = ModelFileWriter.toBytes(lenet(false));
        assertEquals(1, bytes[4], "format version");
    }

    /** A file written by the version-1 writer (commit 5204d7a) still reads, value for value. */
    @Test
    void version1File_fromTheOldWriter_isStillReadable() throws Exception {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("v1-int4-sparse-zstd.frnt")) {
            bytes = in.readAllBytes();
        }
        assertEquals(1, bytes[4], "the resource is a version 1 file");
        ModelFile back = ModelFileReader.fromBytes(bytes, "v1-int4-sparse-zstd.frnt");
        assertSameValues(legacyModel().fakeQuantized(), back);
        assertEquals("legacy", back.metadata());
    }

    /** The model the version-1 resource holds (generated with the same seed). */
    private static ModelFile legacyModel() {
        Random random = new Random(19);
        float[] w = new float[40 * 50];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextInt(10) == 0 ? (float) random.nextGaussian() : 0f;
        }
        float[] b = new float[40];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian() * 0.1f;
        }
        return new ModelFile(
                        "legacy",
                        List.of(
                                new NamedTensor(
                                        "fc.weight",
                                        new int[] {40, 50},
                                        w,
                                        TensorEncoding.quantized(4, true, true).withSparse(true)),
                                new NamedTensor(
                                        "fc.bias", new int[] {40}, b, TensorEncoding.fp32())))
                .entropyCoded(true);
    }

    @Test
    void damagedCodedStream_isReportedAsACorruptFile() {
        byte[] bytes = ModelFileWriter.toBytes(lenet(true));
        // the coded stream sits right before the final CRC
        byte[] broken = bytes.clone();
        broken[bytes.length - 40] ^= 0x10;
        CorruptModelFileException e =
                assertThrows(
                        CorruptModelFileException.class,
                        () -> ModelFileReader.fromBytes(broken, "lenet.frnt"));
        assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 40);
        e =
                assertThrows(
                        CorruptModelFileException.class,
                        () -> ModelFileReader.fromBytes(cut, "lenet.frnt"));
        assertTrue(e.getMessage().contains("coded stream"), e.getMessage());
    }
}
