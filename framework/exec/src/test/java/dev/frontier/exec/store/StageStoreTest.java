package dev.frontier.exec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store leaves in the run folder after a stage failed or a run crashed. */
class StageStoreTest {
    @TempDir Path dir;

    @Test
    void nextRun_removesTheTemporaryFolderOfAStageThatFailedOrWasKilled() throws IOException {
        Path run = dir.resolve("run");
        Path leftover;
        Path finished;
        try (StageStore s = StageStore.open(run)) {
            finished = s.begin("aaa");
            Files.writeString(finished.resolve("stage.yaml"), "kind: PRUNE\n");
            s.commit("aaa", finished);
            // a worker killed mid-stage (time-out, kill -9) cannot clean up after itself
            leftover = s.begin("bbb");
            Files.writeString(leftover.resolve("model.ckpt"), "half-written");
        }
        try (StageStore s = StageStore.open(run)) {
            assertFalse(Files.exists(leftover), "the next run of the folder removes it");
            assertEquals(List.of("aaa"), entries(run.resolve("stages")));
        }
    }

    @Test
    void discard_deletesAFailedStagesTemporaryFolder_andLeavesFinishedStagesAlone()
            throws IOException {
        Path run = dir.resolve("run");
        try (StageStore s = StageStore.open(run)) {
            Path done = s.begin("aaa");
            Files.writeString(done.resolve("stage.yaml"), "kind: PRUNE\n");
            s.commit("aaa", done);
            Path failed = s.begin("bbb");
            Files.createDirectories(failed.resolve("sub"));
            Files.writeString(failed.resolve("sub").resolve("x"), "half-written");
            s.discard(failed);
            assertEquals(List.of("aaa"), entries(run.resolve("stages")));
            s.discard(failed); // already gone: nothing to do
            // a finished stage's folder is never a temporary one
            assertThrows(
                    IllegalArgumentException.class,
                    () -> s.discard(run.resolve("stages").resolve("aaa")));
            assertEquals(List.of("aaa"), entries(run.resolve("stages")));
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
