package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker pools get only the stages an unfinished trial needs: a damaged stage that only finished
 * trials passed through is neither checked nor rebuilt.
 */
class TrialReuseTest {

    @TempDir Path dir;

    @Test
    void damagedMiddleStage_ofFinishedTrials_isNotNeeded_untilATrialNeedsIt() throws IOException {
        Path run = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StoreFaultsTest.runner(dir.resolve("mlruns"), log).run(StoreFaultsTest.sweep(), run);
        Plan plan = Planner.plan(StoreFaultsTest.sweep());
        Stage prune =
                plan.stages().stream()
                        .filter(s -> s.kind().equals(StageKind.pass("prune")))
                        .findFirst()
                        .orElseThrow();
        Path pruneDir = run.resolve("stages").resolve(prune.key());
        StoreFaultsTest.truncate(pruneDir.resolve(StageStore.CHECKPOINT));

        Set<String> needed;
        try (StageStore store = StageStore.open(run)) {
            needed = new TrialReuse(store, false).neededStages(plan, 1);
        }
        assertEquals(Set.of(), needed, "every trial is finished: no stage is needed");
        assertTrue(Files.exists(pruneDir), "the damaged stage was not even checked, so not moved");

        // once the trial's record is gone, its whole path is needed again
        try (Stream<Path> s = Files.list(run.resolve("trials"))) {
            for (Path p :
                    s.filter(p -> !p.getFileName().toString().startsWith("baseline")).toList()) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                }
            }
        }
        try (StageStore store = StageStore.open(run)) {
            needed = new TrialReuse(store, false).neededStages(plan, 1);
        }
        Set<String> path =
                plan.path(plan.trials().get(0), 0).stream()
                        .map(Stage::key)
                        .collect(Collectors.toSet());
        assertEquals(path, needed);
        assertTrue(needed.contains(prune.key()));
    }
}
