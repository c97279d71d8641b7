package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code run} says about a sweep path that is not a UTF-8 file and a run directory it cannot
 * write.
 */
class RunMessagesTest {
    @TempDir Path dir;

    private Path sweep() throws IOException {
        return Files.writeString(
                dir.resolve("tiny.yaml"),
                """
                name: tiny
                dataset: {name: synthetic, limit: 100}
                model: mlp
                training: {epochs: 1}
                pipeline:
                  - prune: {ratio: 0.5}
                """);
    }

    @Test
    void directoryAsSweep_saysSo_andListsItsSweepFiles() throws IOException {
        Files.writeString(dir.resolve("b.yaml"), "x");
        Files.writeString(dir.resolve("a.yml"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");
        CliRun r = CliRun.of("run", dir.toString());
        assertEquals(2, r.code(), r.text());
        assertEquals(
                "error: "
                        + dir
                        + ": is a directory, not a sweep file; its sweep files: a.yml, b.yaml\n",
                r.text());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun v = CliRun.of("validate", empty.toString());
        assertEquals(2, v.code(), v.text());
        assertTrue(
                v.text()
                        .contains(
                                empty
                                        + ": is a directory, not a sweep file; it holds no .yaml file\n"),
                v.text());
    }

    @Test
    void latin1Sweep_isReportedAtItsLine() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "name: tiny\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text().contains(f + ":2:6: found byte(s) 0xE9 that are not UTF-8 text"),
                r.text());
        assertFalse(r.text().contains("Input length"), r.text());
    }

    @Test
    void unwritableOut_exits2NamingTheDirectoryAndWhy_beforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");
        CliRun r = CliRun.of("run", sweep().toString(), "--out", file.resolve("run").toString());
        assertEquals(2, r.code(), r.text());
        assertEquals(
                "error: cannot write run directory "
                        + file.resolve("run")
                        + ": "
                        + file
                        + " is a file, not a directory\n",
                r.text());
        CliRun f = CliRun.of("run", sweep().toString(), "--out", file.toString());
        assertEquals(
                "error: cannot write run directory " + file + ": it is a file, not a directory\n",
                f.text());
    }

    @Test
    void writableCheck_leavesNothingBehind() {
        Path out = dir.resolve("a/b/run");
        RunDirectory.checkWritable(out);
        assertFalse(Files.exists(dir.resolve("a")), "the check removes the folders it created");
    }

    @Test
    void runFolderInUse_exits2NamingItsOwner_andTouchesNothing() throws IOException {
        Path run = dir.resolve("busy");
        try (var owner = dev.frontier.exec.store.StageStore.open(run)) {
            CliRun r = CliRun.of("run", sweep().toString(), "--out", run.toString());
            assertEquals(2, r.code(), r.text());
            assertTrue(
                    r.text()
                            .startsWith(
                                    "error: run folder "
                                            + run.toAbsolutePath()
                                            + " is in use by pid "
                                            + ProcessHandle.current().pid()
                                            + " on "),
                    r.text());
            assertTrue(
                    r.text().contains("wait for it to finish, or give this run another --out"),
                    r.text());
            assertFalse(
                    Files.exists(run.resolve("sweep.yaml")),
                    "the refused run wrote into the folder");
        }
    }
}
