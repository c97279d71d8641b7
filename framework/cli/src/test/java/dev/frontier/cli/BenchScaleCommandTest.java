package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frontier bench scale} on a run folder whose stage times are written by hand. */
class BenchScaleCommandTest {
    @TempDir Path dir;

    static Sweep sweep() {
        return Sweep.builder()
                .name("scale")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.5, 0.7).finetuneEpochs(1))
                .quantize(q -> q.bits(8))
                .build();
    }

    /** Baseline 10 s; prunes 4 s and 6 s; their quantizations 3 s and 2 s. */
    private Path run() throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("sweep.yaml"), SpecWriter.write(sweep()));
        Plan plan = Planner.plan(sweep());
        List<Stage> training =
                plan.stages().stream().filter(s -> !s.kind().equals(StageKind.MEASURE)).toList();
        Stage base = training.get(0);
        List<Stage> prunes =
                training.stream()
                        .filter(s -> s.parentKey().equals(Optional.of(base.key())))
                        .toList();
        write(run, base, 10);
        write(run, prunes.get(0), 4);
        write(run, prunes.get(1), 6);
        for (Stage s : training) {
            if (s.parentKey().equals(Optional.of(prunes.get(0).key()))) {
                write(run, s, 3);
            } else if (s.parentKey().equals(Optional.of(prunes.get(1).key()))) {
                write(run, s, 2);
            }
        }
        return run;
    }

    private static void write(Path run, Stage s, double seconds) throws IOException {
        Path f = Files.createDirectories(run.resolve("stages").resolve(s.key()));
        Files.writeString(
                f.resolve("stage.yaml"),
                "kind: " + s.kind().name() + "\nkey: " + s.key() + "\nseconds: " + seconds + "\n");
    }

    @Test
    void printsTheLevelSchedule_itsBounds_andTheSpeedUp() throws IOException {
        CliRun r = CliRun.of("bench", "scale", run().toString(), "--executors", "1,2,8");
        assertEquals(0, r.code(), r.text());
        String t = r.text();
        assertTrue(t.contains("sweep scale, 5 training stage(s) in 3 level(s)"), t);
        assertTrue(t.contains("5 measured stage(s)"), t);
        assertTrue(t.contains("work 25.0 s, critical path 18.0 s"), t);
        assertTrue(t.contains("train_baseline > prune > quantize"), t);
        assertTrue(t.contains("\n1 | 25.0 s | 25.0 s | 1.00x"), t);
        // levels 10, max(4, 6), max(3, 2); the lower bound is the critical path
        assertTrue(t.contains("\n2 | 19.0 s | 18.0 s | 1.32x"), t);
        assertTrue(t.contains("\n8 | 19.0 s | 18.0 s | 1.32x"), t);
    }

    @Test
    void anotherSweep_isPredictedFromCalibratedEstimates() throws IOException {
        Path other = dir.resolve("bigger.yaml");
        Sweep bigger =
                Sweep.builder()
                        .name("bigger")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(0.5, 0.7, 0.9).finetuneEpochs(1))
                        .quantize(q -> q.bits(8, 4))
                        .build();
        Files.writeString(other, SpecWriter.write(bigger));
        CliRun r = CliRun.of("bench", "scale", run().toString(), "--sweep", other.toString());
        assertEquals(0, r.code(), r.text());
        String t = r.text();
        assertTrue(t.contains("sweep bigger, 10 training stage(s) in 3 level(s)"), t);
        // the baseline and the 0.5/0.7 prunes with their 8-bit children have the same keys
        assertTrue(t.contains("5 stage(s) taken as measured"), t);
        assertTrue(t.contains("measured/estimated"), t);
    }

    @Test
    void aFolderThatIsNoRun_isOneClearError() {
        CliRun r = CliRun.of("bench", "scale", dir.toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text().contains(dir + ": no sweep.yaml (not a run folder of `frontier run`)"),
                r.text());
    }
}
