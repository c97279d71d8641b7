package dev.frontier.codec.format;

import static dev.frontier.codec.format.FormatConstants.FLAG_ZSTD;
import static dev.frontier.codec.format.FormatConstants.VERSION;
import static dev.frontier.codec.format.FormatConstants.VERSION_1;
import static dev.frontier.codec.format.FormatConstants.VERSION_2;
import static dev.frontier.codec.format.FormatConstants.ZSTD_LEVEL;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes {@link ModelFile}s in the Frontier format. Writing is atomic: bytes go to a temporary file
 * in the target directory, are forced to disk, and the file is renamed over the target.
 */
public final class ModelFileWriter {

    private ModelFileWriter() {}

    /**
     * Writes {@code model} to {@code path} atomically and reports its true size.
     *
     * @throws IllegalArgumentException if a tensor cannot take its encoding (message names the
     *     tensor)
     * @throws IOException if the file cannot be written; the target is then left unchanged
     */
    public static SizeReport write(Path path, ModelFile model) throws IOException {
        Encoded encoded = encode(model);
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(
                            temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(encoded.bytes());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(
                        temp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return encoded.report();
    }

    /** The bytes {@link #write} would write, without touching the file system. */
    public static byte[] toBytes(ModelFile model) {
        return encode(model).bytes();
    }

    /** The size report {@link #write} would return, without touching the file system. */
    public static SizeReport sizeOf(ModelFile model) {
        return encode(model).report();
    }

    private record Encoded(byte[] bytes, SizeReport report) {}

    private static Encoded encode(ModelFile model) {
        boolean zstd = model.entropyCoded();
        List<TensorRecordWriter.Prepared> prepared = new ArrayList<>();
        for (NamedTensor tensor : model.tensors()) {
            prepared.add(TensorRecordWriter.encode(tensor, zstd));
        }
        // The lowest version that can hold the file, so that older readers still read it.
        int version =
                prepared.stream().anyMatch(TensorRecordWriter.Prepared::shared)
                        ? VERSION
                        : prepared.stream().anyMatch(TensorRecordWriter.Prepared::contextCoded)
                                ? VERSION_2
                                : VERSION_1;
        List<List<byte[]>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<byte[]> codedParts = new ArrayList<>();
        List<TensorSize> sizes = new ArrayList<>();
        for (TensorRecordWriter.Prepared p : prepared) {
            EncodedTensor encoded = p.render(version);
            parts.get(0).add(encoded.record());
            parts.get(1).add(encoded.index());
            (encoded.contextCoded() ? codedParts : parts.get(2)).add(encoded.values());
            sizes.add(encoded.size());
        }
        byte[][] raw = new byte[parts.size()][];
        byte[][] stored = new byte[parts.size()][];
        byte[] coded = concat(codedParts);
        long rawTotal = coded.length;
        for (int i = 0; i < raw.length; i++) {
            raw[i] = concat(parts.get(i));
            stored[i] = zstd ? compress(parts.get(i)) : raw[i];
            rawTotal += raw[i].length;
        }
        byte[] metadata = model.metadata().getBytes(StandardCharsets.UTF_8);

        LittleEndianOutput out = new LittleEndianOutput();
        out.bytes(FormatConstants.magic()).u16(version).u16(zstd ? FLAG_ZSTD : 0);
        out.u32(metadata.length).bytes(metadata).u32(model.tensors().size());
        for (int i = 0; i < raw.length; i++) {
            out.u64(raw[i].length).u64(stored[i].length);
        }
        if (version != VERSION_1) {
            out.u64(coded.length);
        }
        out.u32(crc(out.toByteArray()));
        CRC32 streamsCrc = new CRC32();
        for (byte[] s : stored) {
            out.bytes(s);
            streamsCrc.update(s);
        }
        out.bytes(coded);
        streamsCrc.update(coded);
        out.u32(streamsCrc.getValue());
        byte[] bytes = out.toByteArray();
        return new Encoded(bytes, new SizeReport(bytes.length, zstd, rawTotal, sizes));
    }

    /** One stream as concatenated zstd frames, grouping parts with similar byte statistics. */
    private static byte[] compress(List<byte[]> parts) {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] group : ByteEntropy.frames(parts)) {
            frames.add(Zstd.compress(group, ZSTD_LEVEL));
        }
        return concat(frames);
    }

    private static byte[] concat(List<byte[]> parts) {
        LittleEndianOutput out = new LittleEndianOutput();
        parts.forEach(out::bytes);
        return out.toByteArray();
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
