package dev.frontier.exec.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-test-example correctness of the baseline (one byte per example), for McNemar's paired test.
 */
public final class CorrectnessFile {
    private CorrectnessFile() {}

    public static void write(Path file, boolean[] correct) throws IOException {
        byte[] b = new byte[correct.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (correct[i] ? 1 : 0);
        }
        dev.frontier.analysis.AtomicFiles.write(file, out -> out.write(b));
    }

    public static boolean[] read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        boolean[] c = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = b[i] == 1;
        }
        return c;
    }
}
