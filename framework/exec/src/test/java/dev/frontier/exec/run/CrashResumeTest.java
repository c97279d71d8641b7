package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration: a real sweep process is killed with SIGKILL mid-run; the rerun recomputes nothing
 * finished.
 */
@Tag("integration")
class CrashResumeTest {
    @TempDir Path dir;

    static Sweep sweep() {
        return Sweep.builder()
                .name("crash")
                .dataset("synthetic")
                .limit(1200)
                .model("lenet5")
                .width(0.5)
                .seed(3)
                .device("cpu")
                .threads(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.3, 0.5, 0.7, 0.9).finetuneEpochs(1))
                .quantize(q -> q.bits(8, 4))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    @Test
    void killDashNine_losesOnlyTrialsInFlight() throws Exception {
        Path spec = dir.resolve("crash.yaml");
        Files.writeString(spec, SpecWriter.write(sweep()));
        Path run = dir.resolve("run");
        Process p =
                new ProcessBuilder(
                                javaBin(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                SweepMain.class.getName(),
                                spec.toString(),
                                run.toString(),
                                "quick")
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("child.log").toFile())
                        .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (finishedTrials(run).size() < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(
                p.isAlive(),
                "the sweep ended before it could be killed:\n"
                        + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        p.waitFor();
        Map<Path, FileTime> before = new HashMap<>();
        for (Path f : finishedTrials(run)) {
            before.put(f, Files.getLastModifiedTime(f));
        }
        assertTrue(
                before.size() >= 3 && before.size() < 8 + 1,
                "finished before the kill: " + before.keySet());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult resumed =
                new SweepRunner(
                                new PrintStream(log, true),
                                false,
                                BenchSettings.quick(),
                                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")))
                        .run(sweep(), run);
        assertEquals(0, resumed.failedTrials(), log.toString());
        assertEquals(before.size(), resumed.trialsReused(), log.toString());
        for (var e : before.entrySet()) {
            assertEquals(
                    e.getValue(),
                    Files.getLastModifiedTime(e.getKey()),
                    "recomputed " + e.getKey());
        }
        SweepResult clean =
                new SweepRunner(
                                new PrintStream(new ByteArrayOutputStream(), true),
                                false,
                                BenchSettings.quick(),
                                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns2")))
                        .run(sweep(), dir.resolve("clean"));
        List<TrialOutcome> a = resumed.outcomes();
        List<TrialOutcome> b = clean.outcomes();
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(b.get(i).trialId(), a.get(i).trialId());
            assertEquals(
                    b.get(i).metrics().get("accuracy"),
                    a.get(i).metrics().get("accuracy"),
                    a.get(i).name());
            assertEquals(
                    b.get(i).metrics().get("size_bytes"),
                    a.get(i).metrics().get("size_bytes"),
                    a.get(i).name());
        }
    }

    private static List<Path> finishedTrials(Path run) throws IOException {
        Path trials = run.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(trials)) {
            return s.filter(
                            f ->
                                    f.getFileName().toString().endsWith(".yaml")
                                            && !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
