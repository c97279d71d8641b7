package dev.frontier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.cluster.ScaleModel;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep run twice, on this machine's worker pool and on a real Spark standalone cluster (a
 * Master and two Worker JVMs on loopback): same trial ids, stage keys and accuracies.
 */
class SparkClusterSweepTest {
    @TempDir Path dir;

    @TempDir static Path shared;

    /** The reference: the same sweep on this machine's pool of two worker processes. */
    static SweepResult local;

    static double localSeconds;

    @BeforeAll
    static void localRun() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        local = runner(shared, log).withWorkers(true).run(sweep(), shared.resolve("local"));
        localSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, local.failedTrials(), log.toString());
    }

    /**
     * Synthetic data, a quarter-width MLP, one epoch; two prune ratios, then 8-bit quantization.
     */
    static Sweep sweep() {
        return Sweep.builder()
                .name("spark")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .parallelism(2)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.5, 0.7).finetuneEpochs(1))
                .quantize(q -> q.bits(8))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    static SweepRunner runner(Path dir, ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    @Test
    void clusterRunMatchesTheLocalPool() throws Exception {
        ByteArrayOutputStream sparkLog = new ByteArrayOutputStream();
        SweepResult onSpark;
        SparkStageExecutor executor;
        SparkStageExecutor oneExecutor;
        SweepResult onOne;
        double sparkSeconds;
        double clusterStart;
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2)) {
            clusterStart = (System.nanoTime() - t0) / 1e9;
            // the executors' worker processes recycled after every 2 stages: the results must
            // not change
            Map<String, String> recycling = new java.util.HashMap<>(cluster.driverConf());
            recycling.put(SparkStageExecutor.STAGES_PER_WORKER, "2");
            executor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), recycling),
                            1,
                            new PrintStream(sparkLog, true));
            long t1 = System.nanoTime();
            onSpark =
                    runner(dir, sparkLog).withExecutor(executor).run(sweep(), dir.resolve("spark"));
            sparkSeconds = (System.nanoTime() - t1) / 1e9;

            // the same sweep on one executor (spark.cores.max=1), for the scaling model's check
            Map<String, String> one = new java.util.HashMap<>(cluster.driverConf());
            one.put("spark.cores.max", "1");
            oneExecutor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), one),
                            1,
                            new PrintStream(sparkLog, true));
            onOne =
                    runner(dir, sparkLog)
                            .withExecutor(oneExecutor)
                            .run(sweep(), dir.resolve("one"));
        }
        assertEquals(0, onSpark.failedTrials(), sparkLog.toString());
        assertEquals(0, onOne.failedTrials(), sparkLog.toString());
        assertEquals(accuracies(local), accuracies(onOne));
        assertEquals(
                1,
                oneExecutor.results().stream().map(StageResult::host).distinct().count(),
                oneExecutor.results().toString());
        // one executor, the default bound (20): its tasks handed all 5 stages to one worker
        assertEquals(List.of(5), stagesPerWorkerProcess(oneExecutor.results()));
        // two executors, recycled after 2: 5 stages on 2 executors, so one of them ran at least
        // 3 and replaced its worker process; every process served at most 2, and some served 2
        List<Integer> served = stagesPerWorkerProcess(executor.results());
        assertEquals(5, served.stream().mapToInt(Integer::intValue).sum(), served.toString());
        assertTrue(served.stream().allMatch(n -> n <= 2), served.toString());
        assertTrue(served.contains(2), served.toString());
        assertTrue(served.size() >= 3, served.toString());
        assertTrue(
                executor.results().stream()
                        .collect(
                                java.util.stream.Collectors.groupingBy(
                                        StageResult::host,
                                        java.util.stream.Collectors.mapping(
                                                StageResult::workerPid,
                                                java.util.stream.Collectors.toSet())))
                        .values()
                        .stream()
                        .anyMatch(pids -> pids.size() >= 2),
                "an executor recycled its worker process: " + executor.results());
        System.out.printf(
                Locale.ROOT,
                "recycling: stages per worker process %s (limit 2, two executors), %s (limit 20,"
                        + " one executor)%n",
                served,
                stagesPerWorkerProcess(oneExecutor.results()));
        scaleTable(onOne, oneExecutor, onSpark, executor);
        System.out.printf(
                Locale.ROOT,
                "tiny sweep (%d training stages, %d trials): local pool of 2 workers %.1f s wall"
                        + " (stages %.1f s), Spark cluster of 2 workers %.1f s wall (stages %.1f s, task"
                        + " time %.1f s summed; cluster start %.1f s not included)%n",
                executor.results().size(),
                local.plan().trialCount(),
                localSeconds,
                local.timing().workerSeconds(),
                sparkSeconds,
                onSpark.timing().workerSeconds(),
                executor.results().stream().mapToDouble(StageResult::seconds).sum(),
                clusterStart);

        // every training stage ran as a Spark task, on an executor, and was committed there
        assertEquals(5, executor.results().size(), sparkLog.toString());
        for (StageResult r : executor.results()) {
            assertTrue(r.ok(), r.toString());
            assertTrue(r.ranHere(), r.toString());
            assertTrue(r.host().contains("/executor-"), r.host());
        }
        assertEquals(5, onSpark.work().stagesOnWorkers(), onSpark.work().describe());
        assertEquals(0, onSpark.work().stagesHere(), onSpark.work().describe());

        assertEquals(ids(local), ids(onSpark));
        assertEquals(stageKeys(shared.resolve("local")), stageKeys(dir.resolve("spark")));
        assertEquals(5, stageKeys(dir.resolve("spark")).size());
        Map<String, Double> localAcc = accuracies(local);
        assertEquals(3, localAcc.size(), "baseline and two trials: " + localAcc);
        assertEquals(localAcc, accuracies(onSpark));
        // measured on the driver: the machine is recorded with every trial
        for (TrialRecord rec : onSpark.trialRecords()) {
            assertFalse(rec.provenance().getOrDefault("measured_on", "").isBlank(), rec.trialId());
        }
    }

    @Test
    void workerKilledMidStage_sparkRerunsTheTaskAndNothingIsLost() throws Exception {
        String baseline = rootKey();
        ByteArrayOutputStream sparkLog = new ByteArrayOutputStream();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2)) {
            SparkStageExecutor executor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), cluster.driverConf()),
                            1,
                            new PrintStream(sparkLog, true));
            Future<SweepResult> run =
                    driver.submit(
                            () ->
                                    runner(dir, sparkLog)
                                            .withExecutor(executor)
                                            .run(sweep(), dir.resolve("spark")));
            String killed = cluster.killWorkerRunning(baseline, Duration.ofMinutes(5));
            SweepResult r = run.get(10, TimeUnit.MINUTES);
            assertEquals(0, r.failedTrials(), sparkLog.toString());
            // the baseline was trained again, by the other executor, and everything after it ran
            StageResult again =
                    executor.results().stream()
                            .filter(x -> x.stageKey().equals(baseline))
                            .findFirst()
                            .orElseThrow();
            assertTrue(again.ok() && again.ranHere(), again.toString());
            assertFalse(again.host().endsWith("/executor-" + killed), again + " vs " + killed);
            assertEquals(5, r.work().stagesOnWorkers(), r.work().describe());
            assertEquals(accuracies(local), accuracies(r));
            assertEquals(stageKeys(shared.resolve("local")), stageKeys(dir.resolve("spark")));
            System.out.printf(
                    Locale.ROOT,
                    "worker kill: executor %s killed mid-stage; %s retrained on %s; %d trials OK%n",
                    killed,
                    baseline,
                    again.host(),
                    r.plan().trialCount());
        } finally {
            driver.shutdownNow();
        }
    }

    @Test
    void driverKilled_aRerunResumesFromTheStore() throws Exception {
        String baseline = rootKey();
        Path run = dir.resolve("spark");
        Path driverLog = dir.resolve("driver.log");
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2)) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(
                    List.of(
                            org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions()
                                    .split(" ")));
            cmd.addAll(List.of("-Dai.djl.offline=true", "-cp", cluster.classPath()));
            cmd.add(SparkDriverMain.class.getName());
            cmd.addAll(
                    List.of(run.toString(), cluster.masterUrl(), dir.resolve("mlruns").toString()));
            cluster.driverConf().forEach((k, v) -> cmd.add(k + "=" + v));
            Process p =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(driverLog.toFile())
                            .start();
            try {
                Path committed =
                        run.resolve("stages").resolve(baseline).resolve("checksums.sha256");
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (!Files.isRegularFile(committed)
                        && p.isAlive()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertTrue(Files.isRegularFile(committed), Files.readString(driverLog));
                assertTrue(
                        p.isAlive(),
                        "the driver must still be running: " + Files.readString(driverLog));
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly(); // kill -9: no hook, no clean-up
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            assertFalse(
                    Files.readString(driverLog).contains("driver done"),
                    Files.readString(driverLog));

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            SparkStageExecutor executor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), cluster.driverConf()),
                            1,
                            new PrintStream(again, true));
            SweepResult r = runner(dir, again).withExecutor(executor).run(sweep(), run);
            assertEquals(0, r.failedTrials(), again.toString());
            assertTrue(r.work().stagesReused() >= 1, r.work().describe());
            assertTrue(
                    executor.results().stream().noneMatch(x -> x.stageKey().equals(baseline)),
                    "the baseline is reused, not trained again: " + executor.results());
            assertTrue(again.toString().contains("took over the lock"), again.toString());
            assertEquals(accuracies(local), accuracies(r));
            System.out.printf(
                    Locale.ROOT,
                    "driver kill: rerun reused %d stage(s), ran %d on Spark; %d trials OK%n",
                    r.work().stagesReused(),
                    r.work().stagesOnWorkers(),
                    r.plan().trialCount());
        }
    }

    @Test
    void executorsThatCannotStart_areOneClearError_inBoundedTime() throws Exception {
        ByteArrayOutputStream sparkLog = new ByteArrayOutputStream();
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 1)) {
            // a misconfigured cluster: no Spark or Frontier classes for the executors, which the
            // master then relaunches without end
            Map<String, String> conf = new java.util.HashMap<>(cluster.driverConf());
            conf.remove("spark.executor.extraClassPath");
            SparkStageExecutor executor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), conf),
                            1,
                            new PrintStream(sparkLog, true),
                            Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            IllegalStateException e =
                    org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalStateException.class,
                            () ->
                                    runner(dir, sparkLog)
                                            .withExecutor(executor)
                                            .run(sweep(), dir.resolve("spark")));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(
                    "no Spark executor started on "
                            + cluster.masterUrl()
                            + " within 30 s; see the workers' logs (executors need Java 17 and"
                            + " Frontier's jars: spark.executor.extraClassPath)",
                    e.getMessage());
            assertTrue(seconds < 120, seconds + " s");
            assertTrue(executor.results().isEmpty(), executor.results().toString());
        }
    }

    static String rootKey() {
        return local.plan().stages().stream()
                .filter(s -> s.parentKey().isEmpty())
                .findFirst()
                .orElseThrow()
                .key();
    }

    /**
     * Predicted vs measured stage time at 1 and 2 executors: each run's own task times through
     * {@link ScaleModel}, and the 2-executor time predicted from the 1-executor run (its tasks,
     * plus its measured Spark overhead: the stage phase's wall minus the model).
     */
    static void scaleTable(
            SweepResult one, SparkStageExecutor oneEx, SweepResult two, SparkStageExecutor twoEx) {
        ScaleModel m1 = ScaleModel.of(one.plan(), taskSeconds(oneEx));
        ScaleModel m2 = ScaleModel.of(two.plan(), taskSeconds(twoEx));
        double measured1 = one.timing().workerSeconds();
        double measured2 = two.timing().workerSeconds();
        // the tasks ran inside the measured stage phase: no schedule beats the lower bound
        assertTrue(measured1 >= m1.lowerBound(1), measured1 + " vs " + m1.lowerBound(1));
        assertTrue(measured2 >= m2.lowerBound(2), measured2 + " vs " + m2.lowerBound(2));
        double overhead1 = measured1 - m1.seconds(1);
        System.out.printf(
                Locale.ROOT,
                "scale: executors | model from own tasks | measured stage phase%n"
                        + "scale: 1 | %.1f s (work %.1f, critical path %.1f) | %.1f s%n"
                        + "scale: 2 | %.1f s (work %.1f, critical path %.1f) | %.1f s%n"
                        + "scale: 2 predicted from the 1-executor run: %.1f s (model %.1f + overhead"
                        + " %.1f)%n",
                m1.seconds(1),
                m1.totalWork(),
                m1.criticalPath(),
                measured1,
                m2.seconds(2),
                m2.totalWork(),
                m2.criticalPath(),
                measured2,
                m1.seconds(2) + overhead1,
                m1.seconds(2),
                overhead1);
    }

    /**
     * How many stages each Frontier worker process on the executors ran (sorted), checking that
     * each process numbered its stages 1, 2, ... without a gap (none died, none was skipped).
     */
    static List<Integer> stagesPerWorkerProcess(List<StageResult> results) {
        Map<Long, List<Integer>> byPid = new TreeMap<>();
        for (StageResult r : results) {
            assertTrue(r.workerPid() > 0 && r.workerStage() >= 1, r.toString());
            byPid.computeIfAbsent(r.workerPid(), k -> new ArrayList<>()).add(r.workerStage());
        }
        List<Integer> counts = new ArrayList<>();
        for (List<Integer> nth : byPid.values()) {
            List<Integer> sorted = nth.stream().sorted().toList();
            assertEquals(
                    java.util.stream.IntStream.rangeClosed(1, nth.size()).boxed().toList(),
                    sorted,
                    "stage numbers of one worker process: " + results);
            counts.add(nth.size());
        }
        return counts.stream().sorted().toList();
    }

    static Map<String, Double> taskSeconds(SparkStageExecutor ex) {
        Map<String, Double> m = new java.util.HashMap<>();
        for (StageResult r : ex.results()) {
            m.put(r.stageKey(), r.seconds());
        }
        return m;
    }

    static List<String> ids(SweepResult r) {
        return r.trialRecords().stream().map(TrialRecord::trialId).toList();
    }

    static Map<String, Double> accuracies(SweepResult r) {
        Map<String, Double> m = new TreeMap<>();
        for (TrialOutcome o : r.outcomes()) {
            m.put(o.trialId(), o.metrics().get("accuracy"));
        }
        return m;
    }

    static List<String> stageKeys(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("stages"))) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
