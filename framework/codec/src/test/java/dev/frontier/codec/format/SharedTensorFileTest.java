package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.codec.quant.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Shared tensors (a codebook and indices, format version 3) are stored and read back exactly. */
class SharedTensorFileTest {

    /**
     * A pruned weight whose non-zeros take {@code k} distinct values (out x in), {@code sparsity}
     * of it exactly zero, some zeros as -0.0 (as a pruning mask leaves them).
     */
    private static float[] shared(long seed, int out, int in, int k, double sparsity) {
        Random r = new Random(seed);
        float[] codebook = new float[k];
        for (int i = 0; i < k; i++) {
            codebook[i] = (float) ((i - k / 2 + 0.5) * 0.013 + r.nextGaussian() * 1e-4);
        }
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            if (r.nextDouble() < sparsity) {
                w[i] = r.nextBoolean() ? -0.0f : 0f;
            } else {
                w[i] = codebook[r.nextInt(k)];
            }
        }
        return w;
    }

    private static ModelFile model(TensorEncoding weights, boolean zstd) {
        List<NamedTensor> t = new ArrayList<>();
        t.add(new NamedTensor("conv1.weight", new int[] {6, 1, 5, 5}, shared(1, 6, 25, 8, 0.3)));
        t.add(new NamedTensor("fc1.weight", new int[] {120, 256}, shared(2, 120, 256, 16, 0.9)));
        t.add(new NamedTensor("fc1.bias", new int[] {120}, new float[120]));
        List<NamedTensor> encoded = new ArrayList<>();
        for (NamedTensor n : t) {
            encoded.add(n.name().endsWith("weight") ? n.withEncoding(weights) : n);
        }
        return new ModelFile("shared-test", encoded, zstd);
    }

    private static void assertReadsBackExactly(ModelFile model, byte[] bytes) throws Exception {
        ModelFile back = ModelFileReader.fromBytes(bytes, "shared.frnt");
        ModelFile expected = model.fakeQuantized();
        for (int i = 0; i < expected.tensors().size(); i++) {
            assertArrayEquals(
                    expected.tensors().get(i).values(),
                    back.tensors().get(i).values(),
                    expected.tensors().get(i).name());
            assertEquals(
                    expected.tensors().get(i).encoding(),
                    back.tensors().get(i).encoding(),
                    expected.tensors().get(i).name());
        }
    }

    @Test
    void sparseSharedTensors_roundTripExactly_inAVersion3File_withAndWithoutZstd()
            throws Exception {
        for (boolean zstd : new boolean[] {false, true}) {
            ModelFile model = model(TensorEncoding.shared(4, false).withSparse(true), zstd);
            byte[] bytes = ModelFileWriter.toBytes(model);
            assertEquals(3, bytes[4], "format version");
            assertReadsBackExactly(model, bytes);
            TensorSize fc1Size = ModelFileWriter.sizeOf(model).tensors().get(1);
            // under zstd the 90%-sparse layer's mask and indices go through the context coder
            assertEquals(zstd, fc1Size.encoding().endsWith(" ctx"), fc1Size.encoding());
            // every pruned zero (and -0.0) reads back as +0.0, every other value is a codebook
            // entry
            float[] fc1 = ModelFileReader.fromBytes(bytes, "x").tensor("fc1.weight").values();
            float[] original = model.tensor("fc1.weight").values();
            for (int i = 0; i < fc1.length; i++) {
                if (original[i] == 0f) {
                    assertEquals(0, Float.floatToRawIntBits(fc1[i]), "element " + i);
                } else {
                    assertEquals(original[i], fc1[i], "element " + i);
                }
            }
        }
    }

    @Test
    void sharedFile_isSmallerThanSparseFp32_nearItsFloor_andCountsItsCodebook() {
        ModelFile shared = model(TensorEncoding.shared(4, false).withSparse(true), true);
        ModelFile fp32 = model(TensorEncoding.fp32().withSparse(true), true);
        long sharedBytes = ModelFileWriter.sizeOf(shared).fileBytes();
        long fp32Bytes = ModelFileWriter.sizeOf(fp32).fileBytes();
        long floor = EntropyFloor.bytes(shared);
        // zstd already finds the 16 repeated fp32 patterns, so the gain is in the index width;
        // the file stays close to the order-0 floor of positions, indices and codebook
        assertTrue(sharedBytes < fp32Bytes * 0.85, sharedBytes + " vs fp32 " + fp32Bytes);
        assertTrue(sharedBytes < floor * 1.15, sharedBytes + " vs floor " + floor);
        TensorSize fc1 =
                ModelFileWriter.sizeOf(shared).tensors().stream()
                        .filter(t -> t.name().equals("fc1.weight"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(16 * 4, fc1.parameterBytes(), "16 fp32 codebook entries");
        assertTrue(fc1.encoding().startsWith("shared4"), fc1.encoding());
    }

    @Test
    void halfCodebook_storesTwoBytesAnEntry_andReadsBackTheRoundedValues() throws Exception {
        ModelFile model = model(TensorEncoding.shared(4, true).withSparse(true), true);
        byte[] bytes = ModelFileWriter.toBytes(model);
        assertReadsBackExactly(model, bytes);
        float[] back = ModelFileReader.fromBytes(bytes, "x").tensor("conv1.weight").values();
        float[] original = model.tensor("conv1.weight").values();
        for (int i = 0; i < back.length; i++) {
            assertEquals(
                    HalfFloat.round(original[i]) == 0 ? 0f : HalfFloat.round(original[i]), back[i]);
        }
        TensorSize conv1 = ModelFileWriter.sizeOf(model).tensors().get(0);
        assertEquals(8 * 2, conv1.parameterBytes(), "8 fp16 codebook entries");
    }

    @Test
    void denseSharedTensor_keepsZeroInItsCodebook() throws Exception {
        ModelFile model = model(TensorEncoding.shared(5, false), false);
        byte[] bytes = ModelFileWriter.toBytes(model);
        assertReadsBackExactly(model, bytes);
        // 16 values and zero: 17 entries
        TensorSize fc1 = ModelFileWriter.sizeOf(model).tensors().get(1);
        assertEquals(17 * 4, fc1.parameterBytes());
        // a 4-bit dense codebook cannot hold 16 values and zero
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ModelFileWriter.toBytes(
                                        model(TensorEncoding.shared(4, false), false)));
        assertTrue(
                e.getMessage().contains("fc1.weight")
                        && e.getMessage().contains("keeps zero in its codebook"),
                e.getMessage());
    }

    @Test
    void moreDistinctValuesThanTheCodebookHolds_isRefused_namingTheTensor() {
        ModelFile model = model(TensorEncoding.shared(3, false).withSparse(true), true);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelFileWriter.toBytes(model));
        assertTrue(
                e.getMessage().contains("fc1.weight")
                        && e.getMessage().contains("16 distinct non-zero values")
                        && e.getMessage().contains("3-bit codebook holds 8"),
                e.getMessage());
    }

    @Test
    void codebook_isTheAscendingDistinctValues_withoutZeroWhenAsked() {
        float[] v = {0.5f, -0.0f, -1f, 0.5f, 0f, 2f};
        assertArrayEquals(new float[] {-1f, 0.5f, 2f}, Precision.Shared.codebook(v, true));
        assertArrayEquals(new float[] {-1f, 0f, 0.5f, 2f}, Precision.Shared.codebook(v, false));
        assertEquals(
                0,
                Float.floatToRawIntBits(Precision.Shared.codebook(new float[] {-0.0f}, false)[0]));
    }

    @Test
    void sharedTensorInAVersion2File_isRefusedWithTheVersionItNeeds() {
        byte[] bytes =
                ModelFileWriter.toBytes(
                        model(TensorEncoding.shared(4, false).withSparse(true), false));
        // claim version 2 and reseal the header (its CRC32 covers [0, 72 + M))
        bytes[4] = 2;
        int m =
                java.nio.ByteBuffer.wrap(bytes, 8, 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt();
        int headerEnd = 72 + m;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, headerEnd);
        java.nio.ByteBuffer.wrap(bytes, headerEnd, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue());
        CorruptModelFileException e =
                assertThrows(
                        CorruptModelFileException.class,
                        () -> ModelFileReader.fromBytes(bytes, "old.frnt"));
        assertTrue(
                e.getMessage().contains("shared tensors need version 3")
                        && e.getMessage().contains("conv1.weight"),
                e.getMessage());
    }

    @Test
    void fileWithoutSharedTensors_staysAtAnOlderVersion() {
        ModelFile model = model(TensorEncoding.fp32().withSparse(true), false);
        assertEquals(1, ModelFileWriter.toBytes(model)[4]);
    }
}
