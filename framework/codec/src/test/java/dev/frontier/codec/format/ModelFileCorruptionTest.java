package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileCorruptionTest {

    @TempDir Path dir;

    private static ModelFile model(boolean zstd) {
        Random random = new Random(41);
        float[] a = new float[300];
        float[] b = new float[2000];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 3 == 0 ? (float) random.nextGaussian() : 0f;
        }
        return new ModelFile(
                        "{\"model\":\"tiny\"}",
                        List.of(
                                new NamedTensor(
                                        "conv1.weight",
                                        new int[] {3, 100},
                                        a,
                                        TensorEncoding.fp32()),
                                new NamedTensor(
                                        "fc1.weight",
                                        new int[] {20, 100},
                                        b,
                                        TensorEncoding.quantized(4, true, true).withSparse(true))))
                .entropyCoded(zstd);
    }

    private CorruptModelFileException readBroken(byte[] bytes) throws Exception {
        Path file = dir.resolve("broken.frnt");
        Files.write(file, bytes);
        return assertThrows(CorruptModelFileException.class, () -> ModelFileReader.read(file));
    }

    /** File offset where {@code needle} first occurs. */
    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void truncatedFile_namesTheTensorAndOffsetWhereItEnds() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(false));
        byte[] truncated =
                Arrays.copyOf(bytes, bytes.length - 300); // cuts into fc1.weight's values
        CorruptModelFileException e = readBroken(truncated);
        assertEquals("fc1.weight", e.tensorName().orElseThrow());
        assertTrue(e.offset() > 0 && e.offset() <= truncated.length, "offset " + e.offset());
        assertTrue(
                e.getMessage().contains("truncated")
                        && e.getMessage().contains("file offset " + e.offset())
                        && e.getMessage().contains("broken.frnt"),
                e.getMessage());
    }

    @Test
    void truncatedZstdFile_saysHowManyBytesAreMissing() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(true));
        CorruptModelFileException e = readBroken(Arrays.copyOf(bytes, bytes.length - 10));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void flippedValueByte_isCaughtByTheTensorCrcAndNamesTheTensor() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(false));
        int recordAt = indexOf(bytes, "conv1.weight".getBytes(StandardCharsets.UTF_8)) - 2;
        bytes[bytes.length - 1500] ^= 0x10; // somewhere in the values stream
        CorruptModelFileException e = readBroken(bytes);
        assertTrue(e.getMessage().contains("CRC32 mismatch"), e.getMessage());
        assertTrue(e.tensorName().isPresent(), e.getMessage());
        assertTrue(e.offset() >= recordAt, e.getMessage());
    }

    @Test
    void flippedByteInTheFirstTensorsValues_namesThatTensorAndItsRecordOffset() throws Exception {
        ModelFile model = model(false);
        byte[] bytes = ModelFileWriter.toBytes(model);
        int recordAt = indexOf(bytes, "conv1.weight".getBytes(StandardCharsets.UTF_8)) - 2;
        // the values stream ends with conv1's 1200 bytes then fc1's packed codes; flip a byte of
        // conv1's first value
        SizeReport report = ModelFileWriter.sizeOf(model);
        int fc1ValueBytes = (int) report.tensors().get(1).valueBytes();
        int conv1ValuesAt = bytes.length - 4 - fc1ValueBytes - 1200;
        bytes[conv1ValuesAt] ^= 0x01;
        CorruptModelFileException e = readBroken(bytes);
        assertEquals("conv1.weight", e.tensorName().orElseThrow());
        assertEquals(recordAt, e.offset());
        assertTrue(e.getMessage().contains("file offset " + recordAt), e.getMessage());
    }

    @Test
    void flippedByteInZstdStreams_isCaughtBeforeDecompression() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(true));
        bytes[bytes.length - 20] ^= 0x40;
        CorruptModelFileException e = readBroken(bytes);
        assertTrue(
                e.getMessage().contains("CRC32 mismatch") && e.getMessage().contains("zstd"),
                e.getMessage());
    }

    @Test
    void flippedMetadataByte_failsTheHeaderCrc() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(false));
        bytes[14] ^= 0x01;
        CorruptModelFileException e = readBroken(bytes);
        assertTrue(e.getMessage().contains("header CRC32 mismatch"), e.getMessage());
        assertTrue(e.tensorName().isEmpty());
    }

    @Test
    void wrongMagic_saysItIsNotAFrontierFile() throws Exception {
        CorruptModelFileException e =
                readBroken("PK\u0003\u0004 not a model".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(
                e.getMessage().contains("not a Frontier model file")
                        && e.getMessage().contains("file offset 0"),
                e.getMessage());
    }

    @Test
    void newerVersion_pointsToANewerReader() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(false));
        bytes[4] = 4;
        CorruptModelFileException e = readBroken(bytes);
        assertTrue(e.getMessage().contains("unsupported format version 4"), e.getMessage());
    }

    @Test
    void trailingGarbage_isReported() throws Exception {
        byte[] bytes = ModelFileWriter.toBytes(model(true));
        CorruptModelFileException e = readBroken(Arrays.copyOf(bytes, bytes.length + 3));
        assertTrue(
                e.getMessage().contains("3 unexpected bytes after the end of the file"),
                e.getMessage());
    }

    @Test
    void emptyFile_isReportedAsTruncated() throws Exception {
        CorruptModelFileException e = readBroken(new byte[0]);
        assertTrue(
                e.getMessage().contains("not a Frontier model file")
                        || e.getMessage().contains("truncated"),
                e.getMessage());
    }
}
