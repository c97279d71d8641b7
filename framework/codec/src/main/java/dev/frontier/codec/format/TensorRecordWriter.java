package dev.frontier.codec.format;

import static dev.frontier.codec.format.FormatConstants.PRECISION_FP16;
import static dev.frontier.codec.format.FormatConstants.PRECISION_FP32;
import static dev.frontier.codec.format.FormatConstants.PRECISION_INT;
import static dev.frontier.codec.format.FormatConstants.TENSOR_PER_CHANNEL;
import static dev.frontier.codec.format.FormatConstants.TENSOR_SPARSE;
import static dev.frontier.codec.format.FormatConstants.TENSOR_SYMMETRIC;

import dev.frontier.codec.pack.BitPacker;
import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.codec.quant.Precision;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.sparse.DenseLayout;
import dev.frontier.codec.sparse.SparseLayout;
import dev.frontier.codec.sparse.SparseLayouts;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Encodes one {@link NamedTensor} into its record, index and value bytes (see FORMAT.md, "Tensor
 * record"). Without entropy coding, integer codes are bit-packed and the layout with the fewest raw
 * bits wins; with entropy coding, codes take one byte each (byte-aligned symbols are what zstd's
 * Huffman stage compresses well) and the layout whose index and values really compress smallest
 * wins.
 */
final class TensorRecordWriter {

    private TensorRecordWriter() {}

    static EncodedTensor encode(NamedTensor tensor, boolean entropyCoded) {
        Values values;
        try {
            values = values(tensor, entropyCoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot encode tensor '"
                            + tensor.name()
                            + "' as "
                            + tensor.encoding().describe()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        SparseLayout layout = chooseLayout(tensor.encoding().sparse(), entropyCoded, values);
        byte[] index = layout.indexBytes();
        byte[] valueBytes = values.encoder.apply(layout.storedPositions());

        byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
        int[] shape = tensor.shape();
        LittleEndianOutput out = new LittleEndianOutput();
        out.u16(name.length).bytes(name).u8(shape.length);
        for (int d : shape) {
            out.u32(d);
        }
        out.u8(values.precisionId)
                .u8(tensor.encoding().precision().bits())
                .u8(values.flags)
                .u8(layout.kind().id())
                .u8(values.fieldBits);
        out.u32(values.params.length).bytes(values.params).u32(index.length).u32(valueBytes.length);
        CRC32 crc = new CRC32();
        crc.update(out.toByteArray());
        crc.update(index);
        crc.update(valueBytes);
        out.u32(crc.getValue());
        byte[] record = out.toByteArray();

        NamedTensor stored =
                new NamedTensor(tensor.name(), shape, values.decoded, tensor.encoding());
        TensorSize size =
                new TensorSize(
                        tensor.name(),
                        stored.parameterCount(),
                        stored.nonZeroCount(),
                        tensor.encoding().describe(),
                        layout.kind(),
                        (long) record.length + index.length + valueBytes.length,
                        values.params.length,
                        index.length,
                        valueBytes.length);
        return new EncodedTensor(record, index, valueBytes, stored, size);
    }

    /**
     * Everything about a tensor's values except where they go: which positions hold non-zeros, how
     * to write them.
     */
    private record Values(
            int precisionId,
            int flags,
            int fieldBits,
            byte[] params,
            boolean[] nonZero,
            Function<int[], byte[]> encoder,
            float[] decoded) {}

    /** zstd level used to compare layouts (fast; the file itself is written at a higher level). */
    private static final int CHOICE_LEVEL = 9;

    private static SparseLayout chooseLayout(boolean sparse, boolean entropyCoded, Values values) {
        int length = values.nonZero.length;
        if (!sparse) {
            return new DenseLayout(length);
        }
        int[] positions = SparseLayouts.positionsOf(values.nonZero);
        if (!entropyCoded) {
            return SparseLayouts.cheapest(positions, length, values.fieldBits);
        }
        // Under entropy coding, pick the layout that really compresses smallest (an order-0 entropy
        // estimate
        // misjudges fp32 bytes and chose dense storage for a 90%-sparse tensor).
        Comparator<SparseLayout> byCompressedBytes =
                Comparator.comparingLong(
                        layout ->
                                (long)
                                                com.github.luben.zstd.Zstd.compress(
                                                                layout.indexBytes(), CHOICE_LEVEL)
                                                        .length
                                        + com.github.luben.zstd.Zstd.compress(
                                                        values.encoder.apply(
                                                                layout.storedPositions()),
                                                        CHOICE_LEVEL)
                                                .length);
        return SparseLayouts.candidates(positions, length, values.fieldBits).stream()
                .min(byCompressedBytes)
                .orElseThrow();
    }

    private static Values values(NamedTensor tensor, boolean entropyCoded) {
        Precision precision = tensor.encoding().precision();
        int sparseFlag = tensor.encoding().sparse() ? TENSOR_SPARSE : 0;
        if (precision instanceof Precision.Quantized q) {
            return quantizedValues(tensor, q, sparseFlag, entropyCoded);
        }
        boolean half = precision instanceof Precision.Float16;
        float[] original = tensor.values();
        float[] decoded = precision.fakeQuantize(original, tensor.shape());
        boolean[] nonZero = new boolean[decoded.length];
        for (int i = 0; i < decoded.length; i++) {
            // -0.0 counts as zero (a pruning mask multiplies negative weights into it) and is
            // stored as +0.0
            nonZero[i] = decoded[i] != 0f;
            if (!nonZero[i]) {
                decoded[i] = 0f;
            }
        }
        Function<int[], byte[]> encoder =
                positions -> {
                    LittleEndianOutput out = new LittleEndianOutput();
                    for (int p : positions) {
                        if (half) {
                            out.u16(HalfFloat.fromFloat(original[p]) & 0xFFFF);
                        } else {
                            out.f32(original[p]);
                        }
                    }
                    return out.toByteArray();
                };
        return new Values(
                half ? PRECISION_FP16 : PRECISION_FP32,
                sparseFlag,
                half ? 16 : 32,
                new byte[0],
                nonZero,
                encoder,
                decoded);
    }

    private static Values quantizedValues(
            NamedTensor tensor,
            Precision.Quantized precision,
            int sparseFlag,
            boolean entropyCoded) {
        QuantizedTensor q = precision.quantizer().quantize(tensor.values(), tensor.shape());
        int[] codes = q.codes();
        int[] zeroPoints = q.zeroPoints();
        boolean[] nonZero = new boolean[codes.length];
        for (int i = 0; i < codes.length; i++) {
            nonZero[i] = codes[i] != zeroPoints[q.parameterIndexOf(i)];
        }
        LittleEndianOutput params = new LittleEndianOutput();
        for (float s : q.scales()) {
            params.f32(s);
        }
        if (!q.symmetric()) {
            for (int z : zeroPoints) {
                params.u8(z);
            }
        }
        int qmin = q.params(0).qmin();
        int fieldBits = entropyCoded ? 8 : q.bits();
        Function<int[], byte[]> encoder =
                positions -> {
                    int[] fields = new int[positions.length];
                    for (int i = 0; i < positions.length; i++) {
                        fields[i] = codes[positions[i]] - qmin;
                    }
                    return BitPacker.pack(fields, fieldBits);
                };
        int flags =
                sparseFlag
                        | (q.symmetric() ? TENSOR_SYMMETRIC : 0)
                        | (q.granularity() == Granularity.PER_CHANNEL ? TENSOR_PER_CHANNEL : 0);
        return new Values(
                PRECISION_INT,
                flags,
                fieldBits,
                params.toByteArray(),
                nonZero,
                encoder,
                q.dequantize());
    }
}
