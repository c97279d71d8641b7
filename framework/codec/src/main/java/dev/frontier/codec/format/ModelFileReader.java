package dev.frontier.codec.format;

import static dev.frontier.codec.format.FormatConstants.CODED_STREAM_NAME;
import static dev.frontier.codec.format.FormatConstants.FLAG_ZSTD;
import static dev.frontier.codec.format.FormatConstants.KNOWN_FLAGS;
import static dev.frontier.codec.format.FormatConstants.STREAM_NAMES;
import static dev.frontier.codec.format.FormatConstants.VERSION;
import static dev.frontier.codec.format.FormatConstants.VERSION_1;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads Frontier model files back into float tensors (dequantized exactly as {@link
 * TensorEncoding#fakeQuantize} gives them), verifying every CRC; damage is reported as a {@link
 * CorruptModelFileException} naming the offset and tensor.
 */
public final class ModelFileReader {

    private static final long MAX_STREAM = Integer.MAX_VALUE - 64;

    private ModelFileReader() {}

    /**
     * Reads the model file at {@code path}.
     *
     * @throws CorruptModelFileException if the file is damaged, truncated or not a Frontier file
     * @throws IOException if it cannot be read
     */
    public static ModelFile read(Path path) throws IOException {
        return decode(Files.readAllBytes(path), path.toString()).model();
    }

    /** Reads the file at {@code path} and reports its true size, tensor by tensor. */
    public static SizeReport inspect(Path path) throws IOException {
        return decode(Files.readAllBytes(path), path.toString()).report();
    }

    /** Decodes a model file held in memory; {@code source} names it in error messages. */
    public static ModelFile fromBytes(byte[] bytes, String source)
            throws CorruptModelFileException {
        return decode(bytes, source).model();
    }

    private record Decoded(ModelFile model, SizeReport report) {}

    private static Decoded decode(byte[] bytes, String source) throws CorruptModelFileException {
        ByteCursor in = new ByteCursor(bytes, 0, bytes.length, source, "file", false, 0);
        checkMagic(in, bytes);
        int version = in.u16("format version");
        if (version < VERSION_1 || version > VERSION) {
            throw in.corrupt(
                    4,
                    "unsupported format version "
                            + version
                            + " (this reader understands "
                            + VERSION_1
                            + " to "
                            + VERSION
                            + "; a newer frontier-codec may read it)");
        }
        int flags = in.u16("flags");
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw in.corrupt(6, "unknown header flags " + Integer.toBinaryString(flags));
        }
        boolean zstd = (flags & FLAG_ZSTD) != 0;
        String metadata = in.utf8(in.u32("metadata length"), "metadata");
        long tensorCount = in.u32("tensor count");
        long[] rawLengths = new long[STREAM_NAMES.size()];
        long[] storedLengths = new long[STREAM_NAMES.size()];
        for (int i = 0; i < rawLengths.length; i++) {
            rawLengths[i] = in.u64(STREAM_NAMES.get(i) + " length");
            storedLengths[i] = in.u64("stored " + STREAM_NAMES.get(i) + " length");
        }
        int pairsEnd = in.position();
        long codedLength = version == VERSION_1 ? 0 : in.u64(CODED_STREAM_NAME + " length");
        int headerEnd = in.position();
        long headerCrc = in.u32("header CRC32");
        if (crc(bytes, 0, headerEnd) != headerCrc) {
            throw in.corrupt(headerEnd, "header CRC32 mismatch over bytes [0, " + headerEnd + ")");
        }
        long rawTotal = 0;
        for (int i = 0; i < rawLengths.length; i++) {
            if (rawLengths[i] > MAX_STREAM
                    || storedLengths[i] > MAX_STREAM
                    || (!zstd && rawLengths[i] != storedLengths[i])) {
                throw in.corrupt(
                        pairsEnd - 16 * (rawLengths.length - i),
                        "implausible "
                                + STREAM_NAMES.get(i)
                                + " lengths: "
                                + rawLengths[i]
                                + " raw, "
                                + storedLengths[i]
                                + " stored");
            }
            rawTotal += rawLengths[i];
        }
        if (codedLength > MAX_STREAM) {
            throw in.corrupt(
                    pairsEnd, "implausible " + CODED_STREAM_NAME + " length: " + codedLength);
        }
        rawTotal += codedLength;
        int streamsAt = in.position();
        TensorRecordReader.Streams streams =
                zstd
                        ? decompressedStreams(in, rawLengths, storedLengths, codedLength)
                        : fileStreams(in, bytes, storedLengths, codedLength);

        List<NamedTensor> tensors = new ArrayList<>();
        List<TensorSize> sizes = new ArrayList<>();
        for (int i = 0; i < tensorCount; i++) {
            DecodedTensor t = TensorRecordReader.read(streams, i, version);
            tensors.add(t.tensor());
            sizes.add(t.size());
        }
        streams.tensor(null);
        for (ByteCursor stream :
                List.of(streams.records(), streams.index(), streams.values(), streams.coded())) {
            if (stream.remaining() != 0) {
                throw stream.corrupt(
                        stream.position(),
                        stream.remaining()
                                + " unexpected bytes after the last of "
                                + tensorCount
                                + " tensors");
            }
        }
        if (!zstd) {
            int storedTotal = (int) (Arrays.stream(storedLengths).sum() + codedLength);
            in.skip(storedTotal, "tensor streams");
            if (crc(bytes, streamsAt, storedTotal) != in.u32("streams CRC32")) {
                throw in.corrupt(
                        streamsAt,
                        "CRC32 mismatch over the " + storedTotal + " bytes of tensor streams");
            }
        }
        if (in.remaining() != 0) {
            throw in.corrupt(
                    in.position(), in.remaining() + " unexpected bytes after the end of the file");
        }
        try {
            return new Decoded(
                    new ModelFile(metadata, tensors, zstd),
                    new SizeReport(bytes.length, zstd, rawTotal, sizes));
        } catch (IllegalArgumentException e) {
            throw in.corrupt(streamsAt, e.getMessage());
        }
    }

    private static void checkMagic(ByteCursor in, byte[] bytes) throws CorruptModelFileException {
        byte[] expected = FormatConstants.magic();
        byte[] magic = in.bytes(Math.min(expected.length, bytes.length), "magic");
        if (magic.length < expected.length
                && Arrays.equals(magic, Arrays.copyOf(expected, magic.length))) {
            throw in.corrupt(
                    magic.length,
                    "truncated: the file ends after " + magic.length + " bytes, inside the magic");
        }
        if (!Arrays.equals(magic, expected)) {
            throw in.corrupt(
                    0,
                    "not a Frontier model file: expected magic 'FRNT', found '"
                            + new String(magic, StandardCharsets.ISO_8859_1)
                            + "'");
        }
    }

    /** Cursors straight over the file; a truncated file cuts the last streams short. */
    private static TensorRecordReader.Streams fileStreams(
            ByteCursor in, byte[] bytes, long[] lengths, long codedLength) {
        ByteCursor[] cursors = new ByteCursor[lengths.length + 1];
        long at = in.position();
        for (int i = 0; i < cursors.length; i++) {
            long length = i < lengths.length ? lengths[i] : codedLength;
            String name = i < lengths.length ? STREAM_NAMES.get(i) : CODED_STREAM_NAME;
            int start = (int) Math.min(bytes.length, at);
            int end = (int) Math.min(bytes.length, at + length);
            cursors[i] = new ByteCursor(bytes, start, end, in.source(), name, false, at);
            at += length;
        }
        return new TensorRecordReader.Streams(cursors[0], cursors[1], cursors[2], cursors[3]);
    }

    private static TensorRecordReader.Streams decompressedStreams(
            ByteCursor in, long[] rawLengths, long[] storedLengths, long codedLength)
            throws CorruptModelFileException {
        int streamsAt = in.position();
        byte[][] stored = new byte[rawLengths.length][];
        CRC32 crc = new CRC32();
        for (int i = 0; i < stored.length; i++) {
            stored[i] = in.bytes(storedLengths[i], "zstd-coded " + STREAM_NAMES.get(i));
            crc.update(stored[i]);
        }
        int codedAt = in.position();
        in.require(codedLength, CODED_STREAM_NAME);
        crc.update(in.array(), codedAt, (int) codedLength);
        in.skip(codedLength, CODED_STREAM_NAME);
        if (crc.getValue() != in.u32("streams CRC32")) {
            throw in.corrupt(
                    streamsAt,
                    "CRC32 mismatch over the "
                            + (in.position() - 4 - streamsAt)
                            + " bytes of zstd-coded tensor streams");
        }
        ByteCursor[] cursors = new ByteCursor[stored.length];
        long at = streamsAt;
        for (int i = 0; i < stored.length; i++) {
            byte[] raw;
            try {
                raw = Zstd.decompress(stored[i], (int) rawLengths[i]);
            } catch (ZstdException e) {
                throw in.corrupt(
                        at,
                        "zstd decompression of the "
                                + STREAM_NAMES.get(i)
                                + " failed: "
                                + e.getMessage());
            }
            if (raw.length != rawLengths[i]) {
                throw in.corrupt(
                        at,
                        STREAM_NAMES.get(i)
                                + " decompressed to "
                                + raw.length
                                + " bytes, header says "
                                + rawLengths[i]);
            }
            cursors[i] =
                    new ByteCursor(raw, 0, raw.length, in.source(), STREAM_NAMES.get(i), true, at);
            at += storedLengths[i];
        }
        ByteCursor coded =
                new ByteCursor(
                        in.array(),
                        codedAt,
                        codedAt + (int) codedLength,
                        in.source(),
                        CODED_STREAM_NAME,
                        false,
                        codedAt);
        return new TensorRecordReader.Streams(cursors[0], cursors[1], cursors[2], coded);
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
