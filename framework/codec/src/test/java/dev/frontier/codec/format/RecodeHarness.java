package dev.frontier.codec.format;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measuring tool, not a test: rewrites existing model files with the current writer and prints old
 * bytes, new bytes and the order-0 floor, checking the values read back are unchanged. Run with the
 * codec's test classpath and model file paths as arguments.
 */
public final class RecodeHarness {
    public static void main(String[] args) throws Exception {
        for (String a : args) {
            Path p = Path.of(a);
            ModelFile m = ModelFileReader.read(p);
            long floor = EntropyFloor.bytes(m);
            long t0 = System.nanoTime();
            byte[] now = ModelFileWriter.toBytes(m);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            ModelFile back = ModelFileReader.fromBytes(now, "rewritten");
            boolean same = back.tensors().size() == m.tensors().size();
            for (int i = 0; i < m.tensors().size() && same; i++) {
                same =
                        java.util.Arrays.equals(
                                back.tensors().get(i).values(), m.tensors().get(i).values());
            }
            System.out.printf(
                    "%s old %d new %d floor %d  old/floor %.3f new/floor %.3f  %d ms same=%s%n",
                    a.replace("/work/main/runs/", ""),
                    Files.size(p),
                    now.length,
                    floor,
                    (double) Files.size(p) / floor,
                    (double) now.length / floor,
                    ms,
                    same);
            if (System.getenv("DETAIL") != null) {
                for (NamedTensor t : m.tensors()) {
                    System.out.printf(
                            "   %-14s floor %8.0f B%n", t.name(), EntropyFloor.bits(t) / 8);
                }
                System.out.print(ModelFileWriter.sizeOf(m).toTable());
            }
        }
    }
}
