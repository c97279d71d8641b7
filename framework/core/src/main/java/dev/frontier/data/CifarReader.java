package dev.frontier.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads CIFAR-10's binary format: records of 1 label byte and 3072 pixel bytes (red, green, blue
 * planes of 32 x 32, row-major), the layout of {@link ImageSet}. A folder holds {@code
 * data_batch_*.bin} (training) and {@code test_batch.bin} (test); class names come from {@code
 * batches.meta.txt} when present, else 0..9.
 */
public final class CifarReader {
    /** Bytes of one image. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;

    /** Bytes of one record: the label byte and the image. */
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;

    /** The test batch's file name. */
    public static final String TEST_BATCH = "test_batch.bin";

    private CifarReader() {}

    /** The training batch files of {@code dir}, sorted; none is an error naming the folder. */
    public static List<Path> trainBatches(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    dir
                            + ": "
                            + (Files.exists(dir) ? "not a folder" : "does not exist")
                            + "; a CIFAR-10 folder holds data_batch_1.bin .. data_batch_5.bin and test_batch.bin");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> batches =
                    s.filter(p -> p.getFileName().toString().matches("data_batch_\\d+\\.bin"))
                            .sorted()
                            .toList();
            if (batches.isEmpty()) {
                throw new DataException(
                        dir + ": no data_batch_*.bin files (CIFAR-10 binary version)");
            }
            return batches;
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * The class names: the lines of {@code batches.meta.txt} in {@code dir} when present, else
     * 0..9.
     */
    public static List<String> classes(Path dir) {
        Path meta = dir.resolve("batches.meta.txt");
        if (Files.isRegularFile(meta)) {
            try {
                List<String> names =
                        Files.readAllLines(meta, StandardCharsets.UTF_8).stream()
                                .map(String::strip)
                                .filter(l -> !l.isEmpty())
                                .toList();
                if (!names.isEmpty()) {
                    return names;
                }
            } catch (IOException e) {
                throw new DataException(meta + ": cannot read: " + e.getMessage(), e);
            }
        }
        return IntStream.range(0, 10).mapToObj(String::valueOf).toList();
    }

    /**
     * Reads and concatenates batch files; a partial record or a label outside the classes names the
     * file and record.
     */
    public static ImageSet read(List<Path> files, List<String> classes) {
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            byte[] b;
            try {
                b = Files.readAllBytes(f);
            } catch (IOException e) {
                throw new DataException(f + ": cannot read: " + e.getMessage(), e);
            }
            if (b.length == 0 || b.length % RECORD_BYTES != 0) {
                throw new DataException(
                        f
                                + ": "
                                + b.length
                                + " bytes is not a whole number of CIFAR-10 records ("
                                + RECORD_BYTES
                                + " bytes each: 1 label byte + 3072 pixel bytes)");
            }
            contents.add(b);
            total += b.length / RECORD_BYTES;
        }
        byte[] px = new byte[Math.toIntExact(total * IMAGE_BYTES)];
        int[] labels = new int[(int) total];
        int n = 0;
        for (int k = 0; k < files.size(); k++) {
            byte[] b = contents.get(k);
            for (int r = 0; r < b.length / RECORD_BYTES; r++, n++) {
                int label = b[r * RECORD_BYTES] & 0xFF;
                if (label >= classes.size()) {
                    throw new DataException(
                            files.get(k)
                                    + ": record "
                                    + r
                                    + " (byte offset "
                                    + (long) r * RECORD_BYTES
                                    + ") has label "
                                    + label
                                    + ", outside 0.."
                                    + (classes.size() - 1));
                }
                labels[n] = label;
                System.arraycopy(b, r * RECORD_BYTES + 1, px, n * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        return new ImageSet(px, labels, 3, 32, 32, classes);
    }
}
