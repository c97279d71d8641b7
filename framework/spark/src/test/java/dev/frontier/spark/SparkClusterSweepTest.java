package dev.frontier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.cluster.ExecutorSettings;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep run twice, on this machine's worker pool and on a real Spark standalone cluster (a
 * Master and two Worker JVMs on loopback): same trial ids, stage keys and accuracies.
 */
class SparkClusterSweepTest {
    @TempDir Path dir;

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

    SweepRunner runner(ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    @Test
    void clusterRunMatchesTheLocalPool() throws Exception {
        ByteArrayOutputStream localLog = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        SweepResult local = runner(localLog).withWorkers(true).run(sweep(), dir.resolve("local"));
        double localSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, local.failedTrials(), localLog.toString());

        ByteArrayOutputStream sparkLog = new ByteArrayOutputStream();
        SweepResult onSpark;
        SparkStageExecutor executor;
        double sparkSeconds;
        double clusterStart;
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2)) {
            clusterStart = (System.nanoTime() - t0) / 1e9 - localSeconds;
            executor =
                    new SparkStageExecutor(
                            ExecutorSettings.spark(cluster.masterUrl(), cluster.driverConf()),
                            1,
                            new PrintStream(sparkLog, true));
            long t1 = System.nanoTime();
            onSpark = runner(sparkLog).withExecutor(executor).run(sweep(), dir.resolve("spark"));
            sparkSeconds = (System.nanoTime() - t1) / 1e9;
        }
        assertEquals(0, onSpark.failedTrials(), sparkLog.toString());
        System.out.printf(
                Locale.ROOT,
                "tiny sweep (%d stages, %d trials): local pool of 2 workers %.1f s, Spark cluster"
                        + " of 2 workers %.1f s (cluster start %.1f s, not included)%n",
                local.plan().uniqueStageCount(),
                local.plan().trialCount(),
                localSeconds,
                sparkSeconds,
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
        assertEquals(stageKeys(dir.resolve("local")), stageKeys(dir.resolve("spark")));
        assertEquals(5, stageKeys(dir.resolve("spark")).size());
        Map<String, Double> localAcc = accuracies(local);
        assertEquals(3, localAcc.size(), "baseline and two trials: " + localAcc);
        assertEquals(localAcc, accuracies(onSpark));
        // measured on the driver: the machine is recorded with every trial
        for (TrialRecord rec : onSpark.trialRecords()) {
            assertFalse(rec.provenance().getOrDefault("measured_on", "").isBlank(), rec.trialId());
        }
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
