package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.data.DataLocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data-dir} on the commands that read data, and {@code data list/verify} on real
 * Fashion-MNIST files.
 */
class DataCommandTest {
    /**
     * The installed Fashion-MNIST (Debian's dataset-fashion-mnist; the integration tests read it
     * too).
     */
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path dir;

    /**
     * Fashion-MNIST's four files in {@code to}: the label files copied (small, so they can be
     * damaged), images linked.
     */
    private Path fashionCopy(Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(FASHION)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().contains("labels")) {
                    Files.copy(f, to.resolve(f.getFileName()));
                } else {
                    Files.createSymbolicLink(to.resolve(f.getFileName()), f);
                }
            }
        }
        return to;
    }

    @Test
    void list_fashionFolder_isFashionOnly_mnistIsNotFoundThere() throws IOException {
        Path fm = fashionCopy(dir.resolve("fm"));
        CliRun r = CliRun.of("data", "list", "--data-dir", fm.toString());
        assertEquals(0, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                String.format(
                                        "%-14s %-8d %-26s %s%n",
                                        "fashion-mnist", 10, "explicit path", fm)),
                r.text());
        assertFalse(
                r.text()
                        .contains(
                                String.format(
                                        "%-14s %-8d %-26s %s%n", "mnist", 10, "explicit path", fm)),
                r.text());
        assertTrue(
                r.text()
                        .contains(
                                "  note: "
                                        + fm
                                        + " (explicit path) holds fashion-mnist (by checksum), not mnist"),
                r.text());
    }

    @Test
    void verify_reportsEveryBadFile_andExits2() throws IOException {
        Path fm = fashionCopy(dir.resolve("fm"));
        Path trainLabels = fm.resolve("train-labels-idx1-ubyte.gz");
        byte[] gz = Files.readAllBytes(trainLabels);
        Files.write(trainLabels, java.util.Arrays.copyOf(gz, gz.length / 2)); // cut off
        Path testLabels = fm.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] raw;
        try (var in = new GZIPInputStream(Files.newInputStream(testLabels))) {
            raw = in.readAllBytes();
        }
        raw[raw.length - 1] =
                (byte)
                        ((raw[raw.length - 1] + 1)
                                % 10); // one label changed: still a valid IDX file
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        Files.write(testLabels, out.toByteArray());

        CliRun r = CliRun.of("data", "verify", "fashion-mnist", "--data-dir", fm.toString());
        assertEquals(2, r.code(), r.text());
        String t = r.text();
        assertTrue(
                t.contains("fashion-mnist: problem: " + trainLabels + ": truncated gzip stream"),
                t);
        assertTrue(t.contains("fashion-mnist: problem: " + testLabels + ": checksum mismatch"), t);
        assertTrue(t.contains("data fetch fashion-mnist'"), t);
        assertTrue(
                t.contains(
                        "fashion-mnist train-images  VERIFIED "
                                + fm.resolve("train-images-idx3-ubyte.gz")),
                t);
        assertTrue(t.contains("fashion-mnist test-images   VERIFIED"), t);
        assertTrue(t.contains("fashion-mnist test-labels   FAILED"), t);
        assertTrue(
                t.contains(
                        "error: data verify: 2 problem(s): fashion-mnist (2 problem(s) in "
                                + fm
                                + ")"),
                t);
        assertFalse(t.contains("<name>"), t);
    }

    @Test
    void verify_mnistInAFashionFolder_saysWhichDatasetItIs() throws IOException {
        Path fm = fashionCopy(dir.resolve("fm"));
        CliRun r = CliRun.of("data", "verify", "mnist", "--data-dir", fm.toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "mnist: note: "
                                        + fm
                                        + " (explicit path) holds fashion-mnist (by checksum), not mnist"),
                r.text());
        assertTrue(
                r.text().contains("error: data verify: 1 problem(s): mnist (not found)"), r.text());
        assertFalse(r.text().contains("delete"), r.text());
    }

    @Test
    void verify_goodFolder_exits0() throws IOException {
        CliRun r =
                CliRun.of(
                        "data",
                        "verify",
                        "fashion-mnist",
                        "--data-dir",
                        fashionCopy(dir.resolve("fm")).toString());
        assertEquals(0, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "fashion-mnist: OK (checksums and IDX structure) in "
                                        + dir.resolve("fm")),
                r.text());
    }

    @Test
    void dataDir_missingOrAFile_isOneError() throws IOException {
        CliRun missing = CliRun.of("data", "verify", "--data-dir", dir.resolve("nope").toString());
        assertEquals(2, missing.code(), missing.text());
        assertEquals(
                "error: --data-dir " + dir.resolve("nope") + ": no such directory\n",
                missing.text());
        Path file = Files.writeString(dir.resolve("f"), "");
        CliRun aFile = CliRun.of("train", "--model", "mlp", "--data-dir", file.toString());
        assertEquals(2, aFile.code(), aFile.text());
        assertTrue(
                aFile.text().contains("--data-dir " + file + ": is a file, expected the directory"),
                aFile.text());
    }

    /**
     * The option reaches the loader inside the sweep runner (as the property worker processes get)
     * and is reset after.
     */
    @Test
    void run_dataDir_reachesTheSweepsLoader() throws IOException {
        Path fm = fashionCopy(dir.resolve("fm"));
        Path sweep =
                Files.writeString(
                        dir.resolve("mnist.yaml"),
                        """
                name: m
                dataset: {name: mnist, limit: 100}
                model: mlp
                threads: 1
                training: {epochs: 1}
                pipeline:
                  - prune: {ratio: 0.5}
                """);
        CliRun r =
                CliRun.of(
                        "run",
                        sweep.toString(),
                        "--data-dir",
                        fm.toString(),
                        "--out",
                        dir.resolve("run").toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "error: dataset mnist: "
                                        + fm.toAbsolutePath()
                                        + " (explicit path) holds fashion-mnist, "
                                        + "not mnist"),
                r.text());
        assertFalse(r.text().contains("interrupted"), r.text());
        assertNull(System.getProperty(DataLocator.DATA_DIR_PROPERTY));
    }

    @Test
    void sensitivityAndBench_acceptDataDir() throws IOException {
        Path fm = fashionCopy(dir.resolve("fm"));
        CliRun s = CliRun.of("sensitivity", dir.toString(), "--data-dir", fm.toString());
        assertEquals(2, s.code(), s.text());
        assertTrue(s.text().contains(dir + ": is a directory, not a sweep file"), s.text());
        CliRun b =
                CliRun.of("bench", "compress", "--data-dir", fm.toString(), "--sections", "nope");
        assertFalse(b.text().contains("Unknown option"), b.text());
    }
}
