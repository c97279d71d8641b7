package dev.frontier.cli;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Param;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench memory}: runs a many-trial synthetic sweep with training stages on worker
 * processes and prints the resident memory of the workers after stage 1, 50, 100, ... and of the
 * measuring process after trial 1, 50, 100: native memory must not grow with the number of trials.
 */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Resident memory of worker processes and of the measuring process across a 100-trial sweep.")
public final class BenchMemoryCommand implements Callable<Integer> {
    @Option(
            names = "--trials",
            defaultValue = "100",
            description = "trials (multiple of 4; default: ${DEFAULT-VALUE})")
    int trials;

    @Option(
            names = "--out",
            defaultValue = "runs/bench-memory",
            description = "run directory (deleted first)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (trials < 4 || trials % 4 != 0) {
            throw new UserInputException(
                    "--trials must be a positive multiple of 4, got " + trials);
        }
        Sweep sweep =
                Sweep.builder()
                        .name("bench-memory")
                        .dataset("synthetic")
                        .limit(800)
                        .model("lenet5")
                        .width(0.5)
                        .seed(1)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(Param.linear(0.02, 0.95, trials / 4)).finetuneEpochs(1))
                        .quantize(q -> q.bits(8, 6, 4, 2))
                        .runtime(Backend.ONNXRUNTIME)
                        .output(out.toString())
                        .build();
        deleteTree(out);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SweepRunner runner =
                new SweepRunner(
                                new PrintStream(sink, true),
                                false,
                                BenchSettings.quick(),
                                java.util.Map.of(
                                        "MLFLOW_TRACKING_URI", "file:" + out.resolve("mlruns")))
                        .withWorkers(true);
        long t0 = System.nanoTime();
        SweepResult r = runner.run(sweep, out);
        System.out.printf(
                Locale.ROOT,
                "bench memory: %d trials, %d training/compression stages on workers (each recycled after %d), %.0fs, %d failed%n",
                r.plan().trialCount(),
                rssCount(runner),
                dev.frontier.exec.worker.WorkerSlot.DEFAULT_STAGES_PER_WORKER,
                (System.nanoTime() - t0) / 1e9,
                r.failedTrials());
        List<double[]> rss = runner.workerRss();
        for (int k : new java.util.TreeSet<>(List.of(1, 20, 21, 50, 100, rss.size()))) {
            if (k >= 1 && k <= rss.size()) {
                System.out.printf(
                        Locale.ROOT,
                        "  worker RSS after stage %3d: %7.1f MB%n",
                        k,
                        rss.get(k - 1)[1]);
            }
        }
        List<TrialRecord> recs = r.trialRecords();
        for (int k : new java.util.TreeSet<>(List.of(1, 50, 100, recs.size()))) {
            if (k >= 1 && k <= recs.size() && recs.get(k - 1).ok()) {
                System.out.printf(
                        Locale.ROOT,
                        "  measuring process RSS after trial %3d: %7.1f MB%n",
                        k,
                        recs.get(k - 1).metrics().get("process_rss_mb"));
            }
        }
        return 0;
    }

    private static int rssCount(SweepRunner runner) {
        return runner.workerRss().size();
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
