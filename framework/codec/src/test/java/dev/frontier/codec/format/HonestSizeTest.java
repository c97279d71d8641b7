package dev.frontier.codec.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HonestSizeTest {

    @TempDir Path dir;

    private static ModelFile lenet5(
            double sparsity, TensorEncoding weights, TensorEncoding biases) {
        List<NamedTensor> tensors =
                LeNet5LikeWeights.tensors(2016, sparsity).stream()
                        .map(t -> t.withEncoding(t.name().endsWith("weight") ? weights : biases))
                        .toList();
        return new ModelFile("{\"model\":\"lenet5\"}", tensors);
    }

    /*
     * Positions of i.i.d. magnitude-pruned weights at 10% density carry H(0.1) = 0.469 bits per weight
     * on their own, so no coder can beat ~32 / (0.469 + value bits) ~ 43x on this synthetic model with
     * 4-bit codes; the file gets within ~12% of that bound. Per-channel fp32 scales (236 of them) and
     * the wider code alphabet per channel cost a further ~20%.
     */
    @Test
    void prunedFourBitZstdLenet5_isAbout38TimesSmallerThanDenseFp32() throws Exception {
        ModelFile model =
                lenet5(
                                0.9,
                                TensorEncoding.quantized(4, true, false).withSparse(true),
                                TensorEncoding.quantized(8, true, false))
                        .entropyCoded(true);
        Path file = dir.resolve("lenet5-p90-int4.frnt");
        SizeReport report = ModelFileWriter.write(file, model);
        System.out.print(report.toTable());

        assertEquals(LeNet5LikeWeights.PARAMETERS, report.parameterCount());
        assertEquals(4L * LeNet5LikeWeights.PARAMETERS, report.denseFp32Bytes());
        assertEquals(Files.size(file), report.fileBytes());
        assertTrue(report.compressionRatio() >= 37.5, "ratio " + report.compressionRatio());
        assertTrue(report.bitsPerWeight() <= 32 / 37.5, "bits/weight " + report.bitsPerWeight());
        assertEquals(model.fakeQuantized().tensors(), ModelFileReader.read(file).tensors());
        assertEquals(report, ModelFileReader.inspect(file));
    }

    @Test
    void prunedThreeBitZstdLenet5_isAtLeastFortyTimesSmallerThanDenseFp32() throws Exception {
        ModelFile model =
                lenet5(
                                0.9,
                                TensorEncoding.quantized(3, true, false).withSparse(true),
                                TensorEncoding.quantized(8, true, false))
                        .entropyCoded(true);
        SizeReport report = ModelFileWriter.write(dir.resolve("lenet5-p90-int3.frnt"), model);
        assertTrue(report.compressionRatio() >= 40, "ratio " + report.compressionRatio());
    }

    @Test
    void perChannelScales_costMeasurablyOnASmallModel() throws Exception {
        ModelFile perTensor =
                lenet5(
                                0.9,
                                TensorEncoding.quantized(4, true, false).withSparse(true),
                                TensorEncoding.quantized(8, true, false))
                        .entropyCoded(true);
        ModelFile perChannel =
                lenet5(
                                0.9,
                                TensorEncoding.quantized(4, true, true).withSparse(true),
                                TensorEncoding.quantized(8, true, false))
                        .entropyCoded(true);
        long tensorBytes = ModelFileWriter.sizeOf(perTensor).fileBytes();
        long channelBytes = ModelFileWriter.sizeOf(perChannel).fileBytes();
        // 230 weight channels each carry a 4-byte scale that zstd cannot shrink
        assertTrue(channelBytes - tensorBytes > 230 * 4, tensorBytes + " vs " + channelBytes);
        assertTrue(ModelFileWriter.sizeOf(perChannel).compressionRatio() > 28);
    }

    @Test
    void maskedButDenseFp32_isNoSmallerThanTheDenseModel() throws Exception {
        ModelFile model = lenet5(0.9, TensorEncoding.fp32(), TensorEncoding.fp32());
        SizeReport report = ModelFileWriter.write(dir.resolve("lenet5-masked.frnt"), model);
        assertTrue(
                report.nonZeros() < 0.11 * report.parameterCount(),
                "the model really is 90% zeros");
        assertTrue(
                report.compressionRatio() > 0.99 && report.compressionRatio() <= 1.0,
                "ratio " + report.compressionRatio());
    }

    @Test
    void sparseEncoding_isWhatMakesThePrunedFp32ModelSmaller() throws Exception {
        ModelFile model =
                lenet5(0.9, TensorEncoding.fp32().withSparse(true), TensorEncoding.fp32());
        SizeReport report = ModelFileWriter.write(dir.resolve("lenet5-sparse-fp32.frnt"), model);
        // ~10% of values at 32 bits plus an index of a few bits per stored value
        assertTrue(
                report.compressionRatio() > 6 && report.compressionRatio() < 10,
                "ratio " + report.compressionRatio());
    }
}
