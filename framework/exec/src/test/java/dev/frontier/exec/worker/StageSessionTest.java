package dev.frontier.exec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.spec.Backend;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's session runs stages into the shared run folder and leaves nothing half-written. */
class StageSessionTest {
    @TempDir Path dir;

    static Sweep sweep() {
        return Sweep.builder()
                .name("session")
                .dataset("synthetic")
                .limit(200)
                .model("mlp")
                .width(0.25)
                .seed(3)
                .device("cpu")
                .threads(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.5).finetuneEpochs(1))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    @Test
    void aStageThatFails_leavesNoTemporaryFolderInTheRunFolder() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("sweep.yaml"), SpecWriter.write(sweep()));
        Plan plan = Planner.plan(sweep());
        Stage prune =
                plan.stages().stream()
                        .filter(s -> s.kind().name().equals("PRUNE"))
                        .findFirst()
                        .orElseThrow();
        StageSession session =
                StageSession.open(
                        run, 1, () -> true, new PrintStream(new ByteArrayOutputStream(), true));
        // the prune stage's input (the baseline's checkpoint) is missing: it fails after it began
        // writing its folder
        assertThrows(IOException.class, () -> session.run(prune.key()));
        assertEquals(List.of(), entries(run.resolve("stages")), "nothing half-written stays");
        assertTrue(Files.isDirectory(run.resolve("stages")));
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
