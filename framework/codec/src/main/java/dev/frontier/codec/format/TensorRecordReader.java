package dev.frontier.codec.format;

import static dev.frontier.codec.format.FormatConstants.CODING_CONTEXT;
import static dev.frontier.codec.format.FormatConstants.CODING_STREAMS;
import static dev.frontier.codec.format.FormatConstants.KNOWN_TENSOR_FLAGS;
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

import dev.frontier.codec.entropy.ContextCoder;
import dev.frontier.codec.entropy.SymbolTensor;
import dev.frontier.codec.pack.BitPacker;
import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.codec.quant.Precision;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.codec.quant.QuantizedTensor;
import dev.frontier.codec.quant.Shapes;
import dev.frontier.codec.sparse.LayoutKind;
import dev.frontier.codec.sparse.SparseLayout;
import dev.frontier.codec.sparse.SparseLayouts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Decodes one tensor from the records, index and values streams (see FORMAT.md, "Tensor record"),
 * checking its CRC before interpreting any of it.
 */
final class TensorRecordReader {

    private TensorRecordReader() {}

    /** The three stream cursors of a tensor section. */
    /** The stream cursors of a tensor section; {@code coded} is empty in version 1 files. */
    record Streams(ByteCursor records, ByteCursor index, ByteCursor values, ByteCursor coded) {
        void tensor(String name) {
            records.tensor(name);
            index.tensor(name);
            values.tensor(name);
            coded.tensor(name);
        }
    }

    static DecodedTensor read(Streams in, int tensorIndex, int version)
            throws CorruptModelFileException {
        ByteCursor rec = in.records();
        int start = rec.position();
        in.tensor("#" + tensorIndex);
        int nameLength = rec.u16("tensor name length");
        String name = rec.utf8(nameLength, "tensor name");
        in.tensor(name);
        int rank = rec.u8("tensor rank");
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            long d = rec.u32("dimension " + i);
            if (d <= 0 || d > Integer.MAX_VALUE) {
                throw rec.corrupt(rec.position() - 4, "dimension " + i + " is " + d);
            }
            shape[i] = (int) d;
        }
        int headerAt = rec.position();
        int precisionId = rec.u8("precision");
        int bits = rec.u8("bit-width");
        int flags = rec.u8("tensor flags");
        int layoutId = rec.u8("sparse layout");
        int fieldBits = rec.u8("value field width");
        int codingAt = rec.position();
        int coding = version == VERSION_1 ? CODING_STREAMS : rec.u8("tensor coding");
        if (coding != CODING_STREAMS && coding != CODING_CONTEXT) {
            throw rec.corrupt(
                    codingAt,
                    "unknown tensor coding " + coding + " (0 index and values, 1 context-coded)");
        }
        boolean contextCoded = coding == CODING_CONTEXT;
        ByteCursor valueStream = contextCoded ? in.coded() : in.values();
        byte[] params =
                rec.bytes(rec.u32("scales and zero points length"), "scales and zero points");
        long indexLength = rec.u32("index length");
        long valueLength = rec.u32("values length");
        int recordEnd = rec.position();
        long expectedCrc = rec.u32("tensor CRC32");
        int indexAt = in.index().position();
        byte[] index = in.index().bytes(indexLength, "sparse index");
        int valuesAt = valueStream.position();
        byte[] values =
                valueStream.bytes(valueLength, contextCoded ? "context-coded bytes" : "values");
        CRC32 crc = new CRC32();
        crc.update(rec.array(), start, recordEnd - start);
        crc.update(index);
        crc.update(values);
        if (crc.getValue() != expectedCrc) {
            throw rec.corrupt(
                    start,
                    String.format(
                            "CRC32 mismatch (stored %08x, computed %08x) over the record, its %d index bytes at %s and %d value bytes at %s",
                            expectedCrc,
                            crc.getValue(),
                            indexLength,
                            in.index().describe(indexAt),
                            valueLength,
                            valueStream.describe(valuesAt)));
        }
        int count;
        TensorEncoding encoding;
        LayoutKind layoutKind;
        try {
            count = Shapes.elementCount(shape);
            if ((flags & ~KNOWN_TENSOR_FLAGS) != 0) {
                throw new IllegalArgumentException(
                        "unknown tensor flags " + Integer.toBinaryString(flags));
            }
            encoding = encoding(precisionId, bits, flags);
            if (encoding.precision() instanceof Precision.Shared && version < VERSION) {
                throw new IllegalArgumentException(
                        "shared tensor (precision 3) in a version "
                                + version
                                + " file; shared tensors need version "
                                + VERSION);
            }
            layoutKind = LayoutKind.fromId(layoutId);
            if (!encoding.sparse() && layoutKind != LayoutKind.DENSE) {
                throw new IllegalArgumentException(
                        "dense tensor stored with a " + layoutKind + " layout");
            }
            checkFieldBits(encoding.precision(), fieldBits);
            if (contextCoded) {
                checkContextCoded(encoding, layoutKind, fieldBits, indexLength);
            }
        } catch (IllegalArgumentException e) {
            throw rec.corrupt(headerAt, e.getMessage());
        }
        if (contextCoded) {
            try {
                NamedTensor tensor =
                        new NamedTensor(
                                name,
                                shape,
                                encoding.precision() instanceof Precision.Shared sh
                                        ? sharedContextDecode(
                                                sh, shape, params, values, encoding.sparse())
                                        : contextDecode(
                                                (Precision.Quantized) encoding.precision(),
                                                shape,
                                                params,
                                                values,
                                                encoding.sparse()),
                                encoding);
                return new DecodedTensor(
                        tensor,
                        new TensorSize(
                                name,
                                count,
                                tensor.nonZeroCount(),
                                TensorRecordWriter.describe(encoding, coding),
                                layoutKind,
                                (long) (rec.position() - start) + valueLength,
                                params.length,
                                0,
                                valueLength));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw rec.corrupt(
                        headerAt,
                        "bad context-coded payload at "
                                + in.coded().describe(valuesAt)
                                + ": "
                                + e.getMessage());
            }
        }
        try {
            SparseLayout layout = SparseLayouts.decode(layoutKind, count, index, 0);
            if (layout.indexBytes().length != index.length) {
                throw new IllegalArgumentException(
                        layoutKind
                                + " index is "
                                + index.length
                                + " bytes, its content needs "
                                + layout.indexBytes().length);
            }
            float[] decoded =
                    decodeValues(
                            encoding.precision(),
                            shape,
                            params,
                            layout.storedPositions(),
                            values,
                            fieldBits);
            NamedTensor tensor = new NamedTensor(name, shape, decoded, encoding);
            TensorSize size =
                    new TensorSize(
                            name,
                            count,
                            tensor.nonZeroCount(),
                            encoding.describe(),
                            layoutKind,
                            (long) (rec.position() - start) + indexLength + valueLength,
                            params.length,
                            indexLength,
                            valueLength);
            return new DecodedTensor(tensor, size);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw rec.corrupt(headerAt, "bad payload: " + e.getMessage());
        }
    }

    private static TensorEncoding encoding(int precisionId, int bits, int flags) {
        boolean sparse = (flags & TENSOR_SPARSE) != 0;
        boolean symmetric = (flags & TENSOR_SYMMETRIC) != 0;
        Granularity granularity =
                (flags & TENSOR_PER_CHANNEL) != 0
                        ? Granularity.PER_CHANNEL
                        : Granularity.PER_TENSOR;
        boolean halfCodebook = (flags & TENSOR_HALF_CODEBOOK) != 0;
        if (precisionId == PRECISION_SHARED
                && (flags & (TENSOR_SYMMETRIC | TENSOR_PER_CHANNEL)) != 0) {
            throw new IllegalArgumentException(
                    "shared tensor with symmetric or per-channel flags "
                            + Integer.toBinaryString(flags));
        }
        if (precisionId != PRECISION_SHARED && halfCodebook) {
            throw new IllegalArgumentException(
                    "fp16-codebook flag on a tensor of precision " + precisionId);
        }
        Precision precision =
                switch (precisionId) {
                    case PRECISION_SHARED -> Precision.shared(bits, halfCodebook);
                    case PRECISION_FP32 -> requireBits(Precision.fp32(), bits);
                    case PRECISION_FP16 -> requireBits(Precision.fp16(), bits);
                    case PRECISION_INT -> Precision.quantized(bits, symmetric, granularity);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown precision id "
                                            + precisionId
                                            + " (0 fp32, 1 fp16, 2 int, 3 shared)");
                };
        return new TensorEncoding(precision, sparse);
    }

    private static Precision requireBits(Precision precision, int bits) {
        if (precision.bits() != bits) {
            throw new IllegalArgumentException(
                    "fp" + precision.bits() + " tensor claims " + bits + " bits");
        }
        return precision;
    }

    private static void checkContextCoded(
            TensorEncoding encoding, LayoutKind layout, int fieldBits, long indexLength) {
        if (!(encoding.precision() instanceof Precision.Quantized
                || encoding.precision() instanceof Precision.Shared)) {
            throw new IllegalArgumentException(
                    "only integer codes and shared indices can be context-coded");
        }
        LayoutKind expected = encoding.sparse() ? LayoutKind.BITMASK : LayoutKind.DENSE;
        if (layout != expected || fieldBits != encoding.precision().bits() || indexLength != 0) {
            throw new IllegalArgumentException(
                    "a context-coded tensor must say layout "
                            + expected
                            + ", field width "
                            + encoding.precision().bits()
                            + " and no index bytes; it says "
                            + layout
                            + ", "
                            + fieldBits
                            + " and "
                            + indexLength);
        }
    }

    /** Dequantized values of a context-coded tensor (FORMAT.md, "Context-coded tensors"). */
    private static float[] contextDecode(
            Precision.Quantized q, int[] shape, byte[] params, byte[] coded, boolean sparse) {
        Parameters p = parameters(q, shape, params);
        int count = Shapes.elementCount(shape);
        int rows =
                shape.length >= 2 || q.quantizer().granularity() == Granularity.PER_CHANNEL
                        ? shape[0]
                        : 1;
        int cols = count / rows;
        boolean symmetric = q.quantizer().symmetric();
        int qmin = QuantParams.qmin(q.bits(), symmetric);
        int alphabet = QuantParams.qmax(q.bits(), symmetric) - qmin + 1;
        int perSet = count / p.scales().length;
        int[] centres = new int[rows];
        float[] rowScales = new float[rows];
        for (int r = 0; r < rows; r++) {
            int set = (int) ((long) r * cols / perSet);
            centres[r] = p.zeroPoints()[set] - qmin;
            rowScales[r] = p.scales()[set];
        }
        SymbolTensor symbols =
                ContextCoder.decode(
                        coded,
                        0,
                        coded.length,
                        rows,
                        cols,
                        alphabet,
                        centres,
                        TensorRecordWriter.rowClasses(rowScales),
                        sparse);
        int[] codes = new int[count];
        boolean[] mask = symbols.mask();
        int[] stored = symbols.symbols();
        int next = 0;
        for (int i = 0; i < count; i++) {
            int zero = p.zeroPoints()[i / perSet];
            if (mask == null || mask[i]) {
                codes[i] = stored[next++] + qmin;
                if (mask != null && codes[i] == zero) {
                    throw new IllegalArgumentException(
                            "element " + i + " is marked stored but holds its zero point");
                }
            } else {
                codes[i] = zero;
            }
        }
        return new QuantizedTensor(
                        codes,
                        p.scales(),
                        p.zeroPoints(),
                        q.bits(),
                        shape,
                        q.quantizer().granularity(),
                        symmetric)
                .dequantize();
    }

    private static void checkFieldBits(Precision precision, int fieldBits) {
        boolean ok =
                precision instanceof Precision.Quantized || precision instanceof Precision.Shared
                        ? fieldBits == precision.bits() || fieldBits == 8
                        : fieldBits == precision.bits();
        if (!ok) {
            throw new IllegalArgumentException(
                    "value field width "
                            + fieldBits
                            + " does not fit "
                            + precision.bits()
                            + "-bit values");
        }
    }

    private static float[] decodeValues(
            Precision precision,
            int[] shape,
            byte[] params,
            int[] positions,
            byte[] values,
            int fieldBits) {
        long expected =
                fieldBits >= 16
                        ? (long) positions.length * (fieldBits / 8)
                        : BitPacker.packedLength(positions.length, fieldBits);
        if (values.length != expected) {
            throw new IllegalArgumentException(
                    positions.length
                            + " stored values of "
                            + fieldBits
                            + " bits need "
                            + expected
                            + " bytes, the record has "
                            + values.length);
        }
        if (precision instanceof Precision.Quantized q) {
            return dequantize(q, shape, params, positions, values, fieldBits);
        }
        if (precision instanceof Precision.Shared sh) {
            float[] codebook = codebook(sh, params, positions.length < Shapes.elementCount(shape));
            int[] fields = BitPacker.unpack(values, 0, positions.length, fieldBits);
            float[] out = new float[Shapes.elementCount(shape)];
            for (int i = 0; i < positions.length; i++) {
                out[positions[i]] = entry(codebook, fields[i], positions[i]);
            }
            return out;
        }
        if (params.length != 0) {
            throw new IllegalArgumentException(
                    "float tensor carries " + params.length + " bytes of quantization parameters");
        }
        float[] out = new float[Shapes.elementCount(shape)];
        ByteBuffer buf = ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN);
        for (int p : positions) {
            out[p] = fieldBits == 32 ? buf.getFloat() : HalfFloat.toFloat(buf.getShort());
            if (!Float.isFinite(out[p])) {
                throw new IllegalArgumentException("value at element " + p + " is " + out[p]);
            }
        }
        return out;
    }

    /** A quantized tensor's scales and zero points. */
    private record Parameters(float[] scales, int[] zeroPoints) {}

    private static Parameters parameters(Precision.Quantized q, int[] shape, byte[] params) {
        boolean symmetric = q.quantizer().symmetric();
        int sets = Shapes.parameterCount(shape, q.quantizer().granularity());
        if (params.length != sets * (symmetric ? 4 : 5)) {
            throw new IllegalArgumentException(
                    sets
                            + " "
                            + (symmetric ? "scales" : "scales and zero points")
                            + " need "
                            + sets * (symmetric ? 4 : 5)
                            + " bytes, the record has "
                            + params.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN);
        float[] scales = new float[sets];
        int[] zeroPoints = new int[sets];
        for (int s = 0; s < sets; s++) {
            scales[s] = buf.getFloat();
        }
        for (int s = 0; s < sets && !symmetric; s++) {
            zeroPoints[s] = buf.get() & 0xFF;
        }
        return new Parameters(scales, zeroPoints);
    }

    private static float[] dequantize(
            Precision.Quantized q,
            int[] shape,
            byte[] params,
            int[] positions,
            byte[] values,
            int fieldBits) {
        int bits = q.bits();
        boolean symmetric = q.quantizer().symmetric();
        Parameters p = parameters(q, shape, params);
        float[] scales = p.scales();
        int[] zeroPoints = p.zeroPoints();
        int sets = scales.length;
        int count = Shapes.elementCount(shape);
        int perSet = count / sets;
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = zeroPoints[i / perSet];
        }
        int[] fields = BitPacker.unpack(values, 0, positions.length, fieldBits);
        int qmin = QuantParams.qmin(bits, symmetric);
        for (int i = 0; i < positions.length; i++) {
            codes[positions[i]] = fields[i] + qmin;
        }
        return new QuantizedTensor(
                        codes,
                        scales,
                        zeroPoints,
                        bits,
                        shape,
                        q.quantizer().granularity(),
                        symmetric)
                .dequantize();
    }

    /**
     * A shared tensor's codebook: {@code params} holds K entries (f32, or f16 with the
     * fp16-codebook flag), finite, strictly ascending, at most {@code 2^bits}; none is zero when
     * {@code withoutZero} (a sparse tensor stores exactly its non-zero elements).
     */
    private static float[] codebook(Precision.Shared sh, byte[] params, boolean withoutZero) {
        int width = sh.halfCodebook() ? 2 : 4;
        if (params.length % width != 0 || params.length / width > sh.capacity()) {
            throw new IllegalArgumentException(
                    "a codebook of "
                            + params.length
                            + " bytes is not at most "
                            + sh.capacity()
                            + " entries of "
                            + width
                            + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(params).order(ByteOrder.LITTLE_ENDIAN);
        float[] codebook = new float[params.length / width];
        for (int k = 0; k < codebook.length; k++) {
            codebook[k] = sh.halfCodebook() ? HalfFloat.toFloat(buf.getShort()) : buf.getFloat();
            if (!Float.isFinite(codebook[k])
                    || k > 0 && !(codebook[k] > codebook[k - 1])
                    || withoutZero && codebook[k] == 0f
                    || Float.floatToRawIntBits(codebook[k]) == Integer.MIN_VALUE) {
                throw new IllegalArgumentException(
                        "codebook entry "
                                + k
                                + " is "
                                + codebook[k]
                                + " (entries are finite, strictly ascending, +0.0 for zero and"
                                + " never zero in a sparse tensor)");
            }
        }
        return codebook;
    }

    private static float entry(float[] codebook, int index, int element) {
        if (index >= codebook.length) {
            throw new IllegalArgumentException(
                    "element "
                            + element
                            + " has codebook index "
                            + index
                            + ", the codebook has "
                            + codebook.length
                            + " entries");
        }
        return codebook[index];
    }

    /** Values of a context-coded shared tensor (FORMAT.md, "Shared tensors"). */
    private static float[] sharedContextDecode(
            Precision.Shared sh, int[] shape, byte[] params, byte[] coded, boolean sparse) {
        float[] codebook = codebook(sh, params, sparse);
        int count = Shapes.elementCount(shape);
        int rows = shape.length >= 2 ? shape[0] : 1;
        int[] centres = new int[rows];
        java.util.Arrays.fill(centres, TensorRecordWriter.sharedCentre(codebook));
        SymbolTensor symbols =
                ContextCoder.decode(
                        coded,
                        0,
                        coded.length,
                        rows,
                        count / rows,
                        Math.max(1, codebook.length),
                        centres,
                        new int[rows],
                        sparse);
        boolean[] mask = symbols.mask();
        int[] stored = symbols.symbols();
        float[] out = new float[count];
        int next = 0;
        for (int i = 0; i < count; i++) {
            if (mask == null || mask[i]) {
                out[i] = entry(codebook, stored[next++], i);
            }
        }
        return out;
    }
}
