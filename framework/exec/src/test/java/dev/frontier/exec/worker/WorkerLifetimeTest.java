package dev.frontier.exec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.run.SweepMain;
import dev.frontier.spec.Backend;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration: worker processes never outlive the sweep that started them, and write nothing after
 * it ends.
 */
@Tag("integration")
class WorkerLifetimeTest {
    @TempDir Path dir;

    /** Long enough training that a stage is in flight when the parent goes away. */
    static Sweep slow(int parallelism) {
        return Sweep.builder()
                .name("slow")
                .dataset("synthetic")
                .limit(4000)
                .model("mlp")
                .width(0.5)
                .seed(5)
                .device("cpu")
                .threads(1)
                .parallelism(parallelism)
                .training(t -> t.epochs(40).batchSize(32))
                .prune(p -> p.ratio(0.5, 0.7).finetuneEpochs(40))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    @Test
    void workerMidStage_endsWithinASecondOnceItsParentIsKilled_andCommitsNothing()
            throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("sweep.yaml"), SpecWriter.write(slow(1)));
        Process parent =
                new ProcessBuilder("sleep", "120").start(); // stands in for the sweep's process
        Process worker =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                "-D" + StageWorker.PARENT_PROPERTY + "=" + parent.pid(),
                                StageWorker.class.getName(),
                                run.toString())
                        .redirectError(dir.resolve("worker.log").toFile())
                        .start();
        try {
            BufferedReader in =
                    new BufferedReader(
                            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("READY", in.readLine(), Files.readString(dir.resolve("worker.log")));
            String baseline = Planner().stages().get(0).key();
            PrintWriter out =
                    new PrintWriter(worker.getOutputStream(), true, StandardCharsets.UTF_8);
            out.println("RUN " + baseline); // 40 epochs: still training when the parent dies
            Thread.sleep(1500);
            assertTrue(worker.isAlive(), "the worker trains while its parent lives");
            parent.destroyForcibly().waitFor();
            long t0 = System.nanoTime();
            assertTrue(worker.waitFor(5, TimeUnit.SECONDS), "an orphaned worker keeps running");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(
                    StageWorker.ORPHANED,
                    worker.exitValue(),
                    Files.readString(dir.resolve("worker.log")));
            assertTrue(seconds < 2, "ended " + seconds + " s after its parent");
            assertFalse(
                    Files.exists(run.resolve("stages").resolve(baseline)),
                    "an orphan committed its stage");
            assertTrue(Files.readString(dir.resolve("worker.log")).contains("is gone; stopping"));
        } finally {
            worker.destroyForcibly();
            parent.destroyForcibly();
        }
    }

    @Test
    void sigtermToTheSweep_stopsEveryWorker_thenSaysInterrupted_andNothingIsWrittenAfter()
            throws Exception {
        Path spec = dir.resolve("slow.yaml");
        Files.writeString(spec, SpecWriter.write(slow(2)));
        Path run = dir.resolve("run");
        Path log = dir.resolve("sweep.log");
        Process sweep =
                new ProcessBuilder(
                                java(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                SweepMain.class.getName(),
                                spec.toString(),
                                run.toString(),
                                "quick")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!Files.readString(log).contains("on worker")
                    && sweep.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1500); // the worker is training its stage now
            List<ProcessHandle> workers = sweep.descendants().toList();
            assertFalse(
                    workers.isEmpty(), "no worker process was started:\n" + Files.readString(log));
            sweep.destroy(); // SIGTERM: shutdown hooks run
            assertTrue(sweep.waitFor(30, TimeUnit.SECONDS), "the sweep did not stop on SIGTERM");
            Map<String, Long> atExit = files(run);
            for (ProcessHandle w : workers) {
                assertFalse(w.isAlive(), "worker " + w.pid() + " outlived its sweep");
            }
            String text = Files.readString(log);
            assertTrue(text.contains("interrupted: finished stages and trials are kept in"), text);
            Thread.sleep(2000);
            assertEquals(
                    atExit, files(run), "files written into the run folder after the sweep ended");
        } finally {
            sweep.descendants().forEach(ProcessHandle::destroyForcibly);
            sweep.destroyForcibly();
        }
    }

    private static dev.frontier.plan.Plan Planner() {
        return dev.frontier.plan.Planner.plan(slow(1));
    }

    private static Map<String, Long> files(Path run) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(run)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(
                        run.relativize(p).toString(),
                        Files.getLastModifiedTime(p).toMillis() * 1000 + Files.size(p) % 1000);
            }
        }
        return m;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
