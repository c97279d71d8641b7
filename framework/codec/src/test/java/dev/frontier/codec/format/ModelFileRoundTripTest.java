package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.sparse.LayoutKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileRoundTripTest {

    @TempDir Path dir;

    private static float[] pruned(Random random, int n, double sparsity) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble() < sparsity ? 0f : (float) random.nextGaussian();
        }
        return values;
    }

    private static List<TensorEncoding> everyEncoding() {
        List<TensorEncoding> encodings =
                new ArrayList<>(List.of(TensorEncoding.fp32(), TensorEncoding.fp16()));
        for (int bits = 1; bits <= 8; bits++) {
            for (boolean symmetric : new boolean[] {true, false}) {
                if (bits == 1 && symmetric) {
                    continue;
                }
                encodings.add(TensorEncoding.quantized(bits, symmetric, false));
                encodings.add(TensorEncoding.quantized(bits, symmetric, true));
            }
        }
        return encodings.stream().flatMap(e -> Stream.of(e, e.withSparse(true))).toList();
    }

    @Test
    void roundTrip_returnsExactlyTheFakeQuantizedValuesForEveryEncoding() throws Exception {
        Random random = new Random(31);
        List<NamedTensor> tensors = new ArrayList<>();
        for (TensorEncoding encoding : everyEncoding()) {
            tensors.add(
                    new NamedTensor(
                            "t" + tensors.size() + " " + encoding.describe(),
                            new int[] {6, 4, 3},
                            pruned(random, 72, 0.6),
                            encoding));
        }
        for (boolean zstd : new boolean[] {false, true}) {
            ModelFile model = new ModelFile("spec: lenet5 — µ", tensors).entropyCoded(zstd);
            Path file = dir.resolve("all-" + zstd + ".frnt");
            ModelFileWriter.write(file, model);
            ModelFile read = ModelFileReader.read(file);
            assertEquals(model.fakeQuantized(), read);
            for (int i = 0; i < tensors.size(); i++) {
                NamedTensor original = tensors.get(i);
                assertArrayEquals(
                        original.encoding().fakeQuantize(original.values(), original.shape()),
                        read.tensors().get(i).values(),
                        original.name());
            }
        }
    }

    @Test
    void roundTrip_keepsPrunedZerosExactlyZero() throws Exception {
        float[] values = pruned(new Random(32), 4000, 0.9);
        ModelFile model =
                new ModelFile(
                                "",
                                List.of(
                                        new NamedTensor(
                                                "w",
                                                new int[] {40, 100},
                                                values,
                                                TensorEncoding.quantized(4, false, true)
                                                        .withSparse(true))))
                        .entropyCoded(true);
        Path file = dir.resolve("w.frnt");
        ModelFileWriter.write(file, model);
        float[] read = ModelFileReader.read(file).tensor("w").values();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(read[i]), "element " + i);
            }
        }
    }

    @Test
    void fp32DenseRoundTrip_isBitExactIncludingNegativeZero() throws Exception {
        float[] values = {-0f, 0f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-30f, 3.14159f};
        ModelFile model =
                new ModelFile(
                        "m",
                        List.of(
                                new NamedTensor(
                                        "v", new int[] {6}, values, TensorEncoding.fp32())));
        byte[] bytes = ModelFileWriter.toBytes(model);
        assertArrayEquals(values, ModelFileReader.fromBytes(bytes, "memory").tensor("v").values());
    }

    @Test
    void sparseFp32_storesNegativeZeroAsAZeroNotAsAValue() throws Exception {
        // a pruning mask multiplies negative weights into -0.0; those are pruned weights and must
        // cost no value bytes
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 10 == 0 ? 1.5f : (i % 2 == 0 ? -0f : 0f);
        }
        ModelFile model =
                new ModelFile(
                        "m",
                        List.of(
                                new NamedTensor(
                                        "v",
                                        new int[] {1000},
                                        values,
                                        TensorEncoding.fp32().withSparse(true))));
        SizeReport report = ModelFileWriter.sizeOf(model);
        assertEquals(100, report.tensors().get(0).nonZeros());
        assertTrue(
                report.tensors().get(0).valueBytes() == 100 * 4,
                "value bytes " + report.tensors().get(0).valueBytes());
        float[] read =
                ModelFileReader.fromBytes(ModelFileWriter.toBytes(model), "memory")
                        .tensor("v")
                        .values();
        for (int i = 0; i < values.length; i++) {
            assertEquals(
                    values[i] == 0f ? 0 : Float.floatToRawIntBits(values[i]),
                    Float.floatToRawIntBits(read[i]),
                    "element " + i);
        }
    }

    @Test
    void scalarsAndEmptyMetadata_roundTrip() throws Exception {
        ModelFile model =
                new ModelFile(
                        "", List.of(new NamedTensor("scale", new int[0], new float[] {0.25f})));
        assertEquals(model, ModelFileReader.fromBytes(ModelFileWriter.toBytes(model), "memory"));
    }

    @Test
    void sparseWriter_picksTheLayoutThatFitsTheDensity() throws Exception {
        Random random = new Random(33);
        TensorEncoding int8Sparse = TensorEncoding.quantized(8, true, false).withSparse(true);
        ModelFile model =
                new ModelFile(
                        "",
                        List.of(
                                new NamedTensor(
                                        "dense",
                                        new int[] {1000},
                                        pruned(random, 1000, 0.01),
                                        int8Sparse),
                                new NamedTensor(
                                        "half",
                                        new int[] {1000},
                                        pruned(random, 1000, 0.5),
                                        int8Sparse),
                                new NamedTensor(
                                        "sparse",
                                        new int[] {10_000},
                                        pruned(random, 10_000, 0.99),
                                        int8Sparse)));
        SizeReport report = ModelFileWriter.sizeOf(model);
        assertEquals(
                List.of(LayoutKind.DENSE, LayoutKind.BITMASK, LayoutKind.RELATIVE_INDEX),
                report.tensors().stream().map(TensorSize::layout).toList());
    }

    @Test
    void sizeReport_addsUpAndMatchesTheFileOnDisk() throws Exception {
        Random random = new Random(34);
        ModelFile model =
                new ModelFile(
                        "meta",
                        List.of(
                                new NamedTensor(
                                        "a",
                                        new int[] {10, 10},
                                        pruned(random, 100, 0.5),
                                        TensorEncoding.quantized(4, true, true)),
                                new NamedTensor(
                                        "b",
                                        new int[] {50},
                                        pruned(random, 50, 0.0),
                                        TensorEncoding.fp16())));
        Path file = dir.resolve("r.frnt");
        SizeReport report = ModelFileWriter.write(file, model);
        assertEquals(150, report.parameterCount());
        assertEquals(600, report.denseFp32Bytes());
        assertEquals(Files.size(file), report.fileBytes());
        assertEquals(600.0 / Files.size(file), report.compressionRatio(), 1e-12);
        assertEquals(8.0 * Files.size(file) / 150, report.bitsPerWeight(), 1e-12);
        TensorSize a = report.tensors().get(0);
        assertEquals(40, a.parameterBytes()); // ten fp32 scales, no zero points when symmetric
        assertEquals(50, a.valueBytes()); // 100 dense 4-bit codes
        TensorSize b = report.tensors().get(1);
        assertEquals(100, b.valueBytes());
        assertEquals(50, b.nonZeros());
        assertTrue(report.toTable().contains("int4 sym per-channel"), report.toTable());
        assertEquals(report, ModelFileReader.inspect(file));
    }

    @Test
    void write_replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("model.frnt");
        Files.writeString(file, "old content");
        ModelFile model =
                new ModelFile(
                        "new", List.of(new NamedTensor("x", new int[] {2}, new float[] {1f, 2f})));
        ModelFileWriter.write(file, model);
        assertEquals(model, ModelFileReader.read(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void write_thatFailsLeavesTheOldFileUntouched() throws Exception {
        Path file = dir.resolve("model.frnt");
        Files.writeString(file, "old content");
        ModelFile tooLargeForHalf =
                new ModelFile(
                        "",
                        List.of(
                                new NamedTensor(
                                        "big",
                                        new int[] {1},
                                        new float[] {1e6f},
                                        TensorEncoding.fp16())));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelFileWriter.write(file, tooLargeForHalf));
        assertTrue(
                e.getMessage().contains("tensor 'big'") && e.getMessage().contains("fp16"),
                e.getMessage());
        assertEquals("old content", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void writer_namesTheTensorThatCannotTakeItsEncoding() {
        ModelFile model =
                new ModelFile(
                        "",
                        List.of(
                                new NamedTensor(
                                        "gamma",
                                        new int[0],
                                        new float[] {1f},
                                        TensorEncoding.quantized(8, true, true))));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelFileWriter.toBytes(model));
        assertTrue(
                e.getMessage().contains("'gamma'") && e.getMessage().contains("rank >= 1"),
                e.getMessage());
    }

    @Test
    void modelFile_rejectsDuplicateNamesAndNamesTheMissingOne() {
        NamedTensor t = new NamedTensor("w", new int[] {1}, new float[] {1f});
        IllegalArgumentException dup =
                assertThrows(
                        IllegalArgumentException.class, () -> new ModelFile("", List.of(t, t)));
        assertTrue(dup.getMessage().contains("duplicate tensor name 'w'"));
        IllegalArgumentException missing =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new ModelFile("", List.of(t)).tensor("v"));
        assertTrue(missing.getMessage().contains("tensors are: w"), missing.getMessage());
    }

    @Test
    void namedTensor_rejectsNonFiniteValuesWithNameAndIndex() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new NamedTensor(
                                        "fc1.weight",
                                        new int[] {3},
                                        new float[] {0f, 1f, Float.NaN}));
        assertTrue(
                e.getMessage().contains("'fc1.weight'") && e.getMessage().contains("index 2"),
                e.getMessage());
    }

    @Test
    void entropyCoding_splitsPartsWithDifferentStatisticsIntoFrames() {
        Random random = new Random(35);
        byte[] narrow = new byte[4000];
        byte[] alsoNarrow = new byte[3000];
        byte[] wide = new byte[4000];
        for (int i = 0; i < 4000; i++) {
            narrow[i] = (byte) random.nextInt(4);
            wide[i] = (byte) (64 + random.nextInt(64));
        }
        for (int i = 0; i < 3000; i++) {
            alsoNarrow[i] = (byte) random.nextInt(4);
        }
        List<byte[]> frames = ByteEntropy.frames(List.of(narrow, alsoNarrow, new byte[0], wide));
        assertEquals(2, frames.size());
        assertEquals(7000, frames.get(0).length);
        assertEquals(4000, frames.get(1).length);
    }
}
