package dev.frontier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLogTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void create_makesTheDirectoryAndAnEmptyFile_keepingTheNewestLogs() throws IOException {
        Path logs = dir.resolve("a/logs");
        Files.createDirectories(logs);
        for (int day = 1; day <= 5; day++) {
            Files.writeString(
                    logs.resolve("frontier-2026010" + day + "-120000-77.log"), "old " + day);
        }
        Files.writeString(logs.resolve("notes.txt"), "not a log");

        Path file = logs.resolve("frontier-20260106-120000-78.log");
        assertEquals(Optional.of(file), ProcessLog.create(file));
        assertEquals(0, Files.size(file));
        try (Stream<Path> s = Files.list(logs)) {
            assertEquals(
                    6, s.filter(p -> p.getFileName().toString().startsWith("frontier-")).count());
        }
    }

    @Test
    void prune_deletesAllButTheNewestLogsByName() throws IOException {
        for (String stamp :
                List.of(
                        "20260103-090000-5",
                        "20251231-235959-9",
                        "20260103-090001-2",
                        "20260101-000000-1")) {
            Files.writeString(dir.resolve("frontier-" + stamp + ".log"), stamp);
        }
        Files.writeString(dir.resolve("frontier.txt"), "kept: not a log");
        ProcessLog.prune(dir, 2);
        assertEquals(
                List.of(
                        "frontier-20260103-090000-5.log",
                        "frontier-20260103-090001-2.log",
                        "frontier.txt"),
                names());
    }

    @Test
    void create_whereNoDirectoryCanBe_givesNoFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertEquals(
                Optional.empty(),
                ProcessLog.create(notADirectory.resolve("frontier-20260101-000000-1.log")));
    }

    @Test
    void newName_sortsByTimeAndNamesThisProcess() {
        String name = ProcessLog.newName();
        assertTrue(
                name.matches("frontier-\\d{8}-\\d{6}-" + ProcessHandle.current().pid() + "\\.log"),
                name);
    }
}
