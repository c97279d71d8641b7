package dev.frontier.codec.format;

import static dev.frontier.codec.format.FormatConstants.CODING_CONTEXT;
import static dev.frontier.codec.format.FormatConstants.CODING_STREAMS;
import static dev.frontier.codec.format.FormatConstants.PRECISION_FP16;
import static dev.frontier.codec.format.FormatConstants.PRECISION_FP32;
import static dev.frontier.codec.format.FormatConstants.PRECISION_INT;
import static dev.frontier.codec.format.FormatConstants.PRECISION_SHARED;
import static dev.frontier.codec.format.FormatConstants.TENSOR_HALF_CODEBOOK;
import static dev.frontier.codec.format.FormatConstants.TENSOR_PER_CHANNEL;
import static dev.frontier.codec.format.FormatConstants.TENSOR_SPARSE;
import static dev.frontier.codec.format.FormatConstants.TENSOR_SYMMETRIC;
import static dev.frontier.codec.format.FormatConstants.VERSION;
import static dev.frontier.codec.format.FormatConstants.VERSION_1;

import com.github.luben.zstd.Zstd;
import dev.frontier.codec.entropy.ContextCoder;
import dev.frontier.codec.entropy.SymbolTensor;
import dev.frontier.codec.pack.BitPacker;
import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.codec.quant.Precision;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.sparse.DenseLayout;
import dev.frontier.codec.sparse.LayoutKind;
import dev.frontier.codec.sparse.SparseLayout;
import dev.frontier.codec.sparse.SparseLayouts;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /**
     * Encodes {@code tensor}; with entropy coding, an integer tensor is context-coded (see {@link
     * ContextCoder}) when that is smaller than the zstd-compressed index and values of its best
     * layout.
     */
    static Prepared encode(NamedTensor tensor, boolean entropyCoded) {
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
        LayoutChoice choice =
                chooseLayout(tensor.encoding().sparse(), entropyCoded, values, values.zeroStorable);
        SparseLayout layout = choice.layout();
        NamedTensor stored =
                new NamedTensor(tensor.name(), tensor.shape(), values.decoded, tensor.encoding());
        if (values.symbols != null) {
            byte[] coded = ContextCoder.encode(values.symbols);
            if (coded.length < choice.compressedBytes()) {
                return new Prepared(
                        tensor,
                        stored,
                        values.precisionId,
                        values.flags,
                        values.symbols.sparse() ? LayoutKind.BITMASK : LayoutKind.DENSE,
                        tensor.encoding().precision().bits(),
                        values.params,
                        new byte[0],
                        coded,
                        CODING_CONTEXT);
            }
        }
        return new Prepared(
                tensor,
                stored,
                values.precisionId,
                values.flags,
                layout.kind(),
                values.fieldBits,
                values.params,
                layout.indexBytes(),
                values.encoder.apply(layout.storedPositions()),
                CODING_STREAMS);
    }

    /** A tensor's stored fields, ready to be written into a file of either version. */
    record Prepared(
            NamedTensor original,
            NamedTensor stored,
            int precisionId,
            int flags,
            LayoutKind layout,
            int fieldBits,
            byte[] params,
            byte[] index,
            byte[] values,
            int coding) {

        boolean contextCoded() {
            return coding == CODING_CONTEXT;
        }

        /** Whether the tensor is stored as a codebook and indices (needs version 3). */
        boolean shared() {
            return precisionId == PRECISION_SHARED;
        }

        /**
         * The record, index and value bytes for a file of {@code version} (version 1 has no coding
         * byte and no context-coded tensors).
         */
        EncodedTensor render(int version) {
            if (version == VERSION_1 && contextCoded()) {
                throw new IllegalStateException(
                        "version 1 files cannot hold context-coded tensors");
            }
            if (version < VERSION && shared()) {
                throw new IllegalStateException(
                        "version " + version + " files cannot hold shared tensors");
            }
            byte[] name = original.name().getBytes(StandardCharsets.UTF_8);
            int[] shape = original.shape();
            LittleEndianOutput out = new LittleEndianOutput();
            out.u16(name.length).bytes(name).u8(shape.length);
            for (int d : shape) {
                out.u32(d);
            }
            out.u8(precisionId)
                    .u8(original.encoding().precision().bits())
                    .u8(flags)
                    .u8(layout.id())
                    .u8(fieldBits);
            if (version != VERSION_1) {
                out.u8(coding);
            }
            out.u32(params.length).bytes(params).u32(index.length).u32(values.length);
            CRC32 crc = new CRC32();
            crc.update(out.toByteArray());
            crc.update(index);
            crc.update(values);
            out.u32(crc.getValue());
            byte[] record = out.toByteArray();
            TensorSize size =
                    new TensorSize(
                            original.name(),
                            stored.parameterCount(),
                            stored.nonZeroCount(),
                            describe(original.encoding(), coding),
                            layout,
                            (long) record.length + index.length + values.length,
                            params.length,
                            index.length,
                            values.length);
            return new EncodedTensor(record, index, values, contextCoded(), stored, size);
        }
    }

    /** The encoding's description, marked when the tensor is context-coded. */
    static String describe(TensorEncoding encoding, int coding) {
        return encoding.describe() + (coding == CODING_CONTEXT ? " ctx" : "");
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
            float[] decoded,
            SymbolTensor symbols,
            boolean zeroStorable) {}

    /**
     * A layout and, under entropy coding, what its index and values compress to on their own (the
     * bar the context coder must beat); {@code Long.MAX_VALUE} without entropy coding.
     */
    private record LayoutChoice(SparseLayout layout, long compressedBytes) {}

    /** zstd level used to compare layouts (fast; the file itself is written at a higher level). */
    private static final int CHOICE_LEVEL = 9;

    private static LayoutChoice chooseLayout(
            boolean sparse, boolean entropyCoded, Values values, boolean zeroStorable) {
        int length = values.nonZero.length;
        List<SparseLayout> candidates;
        if (!sparse) {
            candidates = List.of(new DenseLayout(length));
        } else if (!zeroStorable) {
            // a shared tensor's codebook has no zero: only layouts that store exactly the non-zero
            // positions (no dense storage of zeros, no relative-index fillers)
            int[] positions = SparseLayouts.positionsOf(values.nonZero);
            candidates =
                    SparseLayouts.candidates(positions, length, values.fieldBits).stream()
                            .filter(l -> l.storedPositions().length == positions.length)
                            .toList();
            if (!entropyCoded) {
                SparseLayout best = candidates.get(0);
                for (SparseLayout l : candidates) {
                    if (rawBits(l, values.fieldBits) < rawBits(best, values.fieldBits)) {
                        best = l;
                    }
                }
                return new LayoutChoice(best, Long.MAX_VALUE);
            }
        } else {
            int[] positions = SparseLayouts.positionsOf(values.nonZero);
            if (!entropyCoded) {
                return new LayoutChoice(
                        SparseLayouts.cheapest(positions, length, values.fieldBits),
                        Long.MAX_VALUE);
            }
            candidates = SparseLayouts.candidates(positions, length, values.fieldBits);
        }
        if (!entropyCoded) {
            return new LayoutChoice(candidates.get(0), Long.MAX_VALUE);
        }
        // Under entropy coding, pick the layout that really compresses smallest (an order-0 entropy
        // estimate misjudges fp32 bytes and chose dense storage for a 90%-sparse tensor).
        SparseLayout best = null;
        long bestBytes = Long.MAX_VALUE;
        for (SparseLayout layout : candidates) {
            long bytes =
                    (long) Zstd.compress(layout.indexBytes(), CHOICE_LEVEL).length
                            + Zstd.compress(
                                            values.encoder.apply(layout.storedPositions()),
                                            CHOICE_LEVEL)
                                    .length;
            if (bytes < bestBytes) {
                best = layout;
                bestBytes = bytes;
            }
        }
        return new LayoutChoice(best, bestBytes);
    }

    private static long rawBits(SparseLayout layout, int fieldBits) {
        return layout.indexBytes().length * 8L + (long) layout.storedPositions().length * fieldBits;
    }

    private static Values values(NamedTensor tensor, boolean entropyCoded) {
        Precision precision = tensor.encoding().precision();
        int sparseFlag = tensor.encoding().sparse() ? TENSOR_SPARSE : 0;
        if (precision instanceof Precision.Quantized q) {
            return quantizedValues(tensor, q, sparseFlag, entropyCoded);
        }
        if (precision instanceof Precision.Shared s) {
            return sharedValues(tensor, s, sparseFlag, entropyCoded);
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
                decoded,
                null,
                true);
    }

    /**
     * A shared tensor: the codebook (the distinct stored values, ascending; no zero when sparse) as
     * parameters, each stored element's index as its value field (FORMAT.md, "Shared tensors").
     */
    private static Values sharedValues(
            NamedTensor tensor, Precision.Shared precision, int sparseFlag, boolean entropyCoded) {
        boolean sparse = tensor.encoding().sparse();
        float[] decoded = precision.fakeQuantize(tensor.values(), tensor.shape());
        float[] codebook = Precision.Shared.codebook(decoded, sparse);
        if (codebook.length > precision.capacity()) {
            throw new IllegalArgumentException(
                    "a dense shared tensor keeps zero in its codebook too: "
                            + codebook.length
                            + " distinct values, a "
                            + precision.bits()
                            + "-bit codebook holds "
                            + precision.capacity()
                            + " (allow sparse storage)");
        }
        boolean[] nonZero = new boolean[decoded.length];
        int[] index = new int[decoded.length];
        int stored = 0;
        for (int i = 0; i < decoded.length; i++) {
            nonZero[i] = decoded[i] != 0f;
            boolean kept = !sparse || nonZero[i];
            index[i] = kept ? java.util.Arrays.binarySearch(codebook, decoded[i]) : -1;
            stored += kept ? 1 : 0;
        }
        LittleEndianOutput params = new LittleEndianOutput();
        for (float c : codebook) {
            if (precision.halfCodebook()) {
                params.u16(HalfFloat.fromFloat(c) & 0xFFFF);
            } else {
                params.f32(c);
            }
        }
        int fieldBits = entropyCoded ? 8 : precision.bits();
        Function<int[], byte[]> encoder =
                positions -> {
                    int[] fields = new int[positions.length];
                    for (int i = 0; i < positions.length; i++) {
                        fields[i] = index[positions[i]];
                        if (fields[i] < 0) {
                            throw new IllegalStateException(
                                    "layout stores zero element "
                                            + positions[i]
                                            + ", which has no codebook index");
                        }
                    }
                    return BitPacker.pack(fields, fieldBits);
                };
        SymbolTensor symbols = null;
        if (entropyCoded) {
            int[] shape = tensor.shape();
            int rows = shape.length >= 2 ? shape[0] : 1;
            int alphabet = Math.max(1, codebook.length);
            int[] centres = new int[rows];
            java.util.Arrays.fill(centres, sharedCentre(codebook));
            int[] kept = new int[stored];
            int k = 0;
            for (int i = 0; i < index.length; i++) {
                if (index[i] >= 0) {
                    kept[k++] = index[i];
                }
            }
            symbols =
                    new SymbolTensor(
                            rows,
                            decoded.length / rows,
                            alphabet,
                            centres,
                            new int[rows],
                            sparse ? nonZero : null,
                            kept);
        }
        return new Values(
                PRECISION_SHARED,
                sparseFlag | (precision.halfCodebook() ? TENSOR_HALF_CODEBOOK : 0),
                fieldBits,
                params.toByteArray(),
                nonZero,
                encoder,
                decoded,
                symbols,
                !sparse);
    }

    /**
     * The context coder's centre for a shared tensor's indices: the number of negative codebook
     * entries (where zero would sit in the ascending codebook), at most the last index.
     */
    static int sharedCentre(float[] codebook) {
        int negative = 0;
        for (float c : codebook) {
            negative += c < 0 ? 1 : 0;
        }
        return Math.min(negative, Math.max(0, codebook.length - 1));
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
                q.dequantize(),
                entropyCoded ? symbols(q, tensor.encoding().sparse() ? nonZero : null) : null,
                true);
    }

    /**
     * The codes as the context coder sees them: one row per output channel (a single row for a
     * per-tensor vector or scalar), symbols {@code code - qmin}, each row's centre its zero point.
     */
    static SymbolTensor symbols(QuantizedTensor q, boolean[] mask) {
        int[] codes = q.codes();
        int[] shape = q.shape();
        int rows = shape.length >= 2 || q.granularity() == Granularity.PER_CHANNEL ? shape[0] : 1;
        int cols = codes.length / rows;
        int qmin = q.params(0).qmin();
        int alphabet = q.params(0).qmax() - qmin + 1;
        int[] centres = new int[rows];
        float[] rowScales = new float[rows];
        for (int r = 0; r < rows; r++) {
            centres[r] = q.zeroPoints()[q.parameterIndexOf(r * cols)] - qmin;
            rowScales[r] = q.scales()[q.parameterIndexOf(r * cols)];
        }
        int count = 0;
        int[] symbols = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (mask == null || mask[i]) {
                symbols[count++] = codes[i] - qmin;
            }
        }
        return new SymbolTensor(
                rows,
                cols,
                alphabet,
                centres,
                rowClasses(rowScales),
                mask,
                java.util.Arrays.copyOf(symbols, count));
    }

    /**
     * Each row's class for the context coder: the quantile of its scale among the rows' scales
     * ({@code floor(ROW_CLASSES * smaller / rows)}, smaller = rows with a strictly smaller scale).
     * Per-channel scales set where a row's codes fall relative to a pruning threshold shared by all
     * rows, so rows of one class have similar code statistics.
     */
    static int[] rowClasses(float[] rowScales) {
        float[] sorted = rowScales.clone();
        java.util.Arrays.sort(sorted);
        int[] classes = new int[rowScales.length];
        for (int r = 0; r < rowScales.length; r++) {
            int smaller = 0;
            while (smaller < sorted.length && sorted[smaller] < rowScales[r]) {
                smaller++;
            }
            classes[r] = (int) ((long) SymbolTensor.ROW_CLASSES * smaller / rowScales.length);
        }
        return classes;
    }
}
