package dev.frontier.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void failedWrite_keepsTheOldFile_andLeavesNoTemporaryFile(@TempDir Path dir)
            throws IOException {
        Path target = AtomicFiles.writeString(dir.resolve("results.csv"), "old\n");
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                target,
                                out -> {
                                    out.write("half".getBytes());
                                    throw new IOException("disk full");
                                }));
        assertEquals("old\n", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void write_createsParentDirectories_andReplacesTheFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("run/charts/a.txt");
        AtomicFiles.writeString(target, "one");
        AtomicFiles.writeString(target, "two");
        assertEquals("two", Files.readString(target));
    }
}
