package dev.frontier.exec.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads this process's resident memory (current and peak) from /proc; NaN where /proc is missing.
 */
public final class PeakMemory {
    private PeakMemory() {}

    /** Peak resident set size in MB (VmHWM). */
    public static double peakRssMb() {
        return field("VmHWM:");
    }

    /** Current resident set size in MB (VmRSS). */
    public static double rssMb() {
        return field("VmRSS:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0])
                            / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
