package dev.frontier.cli;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.cluster.StageExecutors;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.Sweep;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code frontier run}: the main job, from sweep config to frontier. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a sweep: train once, compress, measure every trial, compute the Pareto frontier, write the report.",
            "Finished stages and trials are reused: rerunning after a crash or Ctrl-C resumes.",
            "Exit codes: 0 all trials OK, 4 finished with failed trials, 2 invalid input, 1 runtime failure."
        })
public final class RunCommand implements Callable<Integer> {
    /** Exit code of a sweep that finished with failed trials. */
    public static final int SOME_FAILED = 4;

    @Parameters(
            arity = "1",
            paramLabel = "FILE",
            description = "sweep YAML file (see experiments/)")
    Path file;

    @Mixin DataDirOption data = new DataDirOption();

    @Option(names = "--out", description = "run directory (default: the sweep's output setting)")
    Path out;

    @Option(names = "--quiet-training", description = "no per-epoch lines for training stages")
    boolean quietTraining;

    @Option(
            names = "--stage-timeout",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description =
                    "kill a training/compression stage after this many seconds and record its trials FAILED "
                            + "(runs stages on worker processes; 0 = no limit)")
    long stageTimeout;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "run the training stages on this Spark cluster (e.g. spark://host:7077) instead of local worker"
                            + " processes (overrides the sweep file's executor section); needs frontier-spark on the class path and a run folder every node can"
                            + " read and write (see README \"Running on a Spark cluster\"); trials are still"
                            + " measured here")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description =
                    "a Spark setting passed through unchanged (repeatable), e.g. spark.authenticate=true")
    java.util.Map<String, String> sparkConf = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        return data.around(this::runWithData);
    }

    private Integer runWithData() throws Exception {
        Sweep sweep = SpecFiles.read(file);
        if (stageTimeout < 0) {
            throw new UserInputException(
                    "--stage-timeout must be >= 0 seconds, got " + stageTimeout);
        }
        Path runDir = out != null ? out : Path.of(sweep.output());
        RunDirectory.checkWritable(runDir);
        SweepRunner runner = new SweepRunner(System.out, !quietTraining, BenchSettings.standard());
        if (stageTimeout > 0) {
            runner = runner.withStageTimeout(java.time.Duration.ofSeconds(stageTimeout));
        }
        dev.frontier.spec.Executor inFile = SpecFiles.executor(file);
        String where = "--master: ";
        if (master == null && inFile.kind().equals("spark")) {
            where = file + ": executor: ";
            master = inFile.master(); // --master and --spark-conf override the file's section
            java.util.Map<String, String> conf = new java.util.LinkedHashMap<>(inFile.conf());
            conf.putAll(sparkConf);
            sparkConf = conf;
        }
        if (master != null) {
            if (master.isBlank()) {
                throw new UserInputException(
                        "--master: found nothing, expected a Spark master URL such as spark://host:7077");
            }
            try {
                runner =
                        runner.withExecutor(
                                StageExecutors.find(
                                        ExecutorSettings.spark(master, sparkConf),
                                        Math.max(1, sweep.threads()),
                                        System.out));
            } catch (IllegalArgumentException e) {
                throw new UserInputException(where + e.getMessage());
            }
        } else if (!sparkConf.isEmpty()) {
            throw new UserInputException(
                    "--spark-conf needs --master (the Spark cluster to run on)");
        }
        SweepResult r = runResuming(runner, sweep, runDir);
        System.out.println();
        System.out.println(FrontierTable.render(r));
        System.out.printf(
                Locale.ROOT,
                "%d trial(s), %d failed; %s; %.0fs%n",
                r.plan().trialCount(),
                r.failedTrials(),
                r.work().describe(),
                r.seconds());
        var t = r.timing();
        System.out.printf(
                Locale.ROOT,
                "time: data %.1fs, stages %.1fs in-process + %.1fs on workers, measurement %.1fs, "
                        + "framework overhead %.1fs (%.1f%% of wall); plan estimate %.0fs vs naive per-trial estimate %.0fs (%.1fx less)%n",
                t.dataSeconds(),
                t.stageSeconds(),
                t.workerSeconds(),
                t.measureSeconds(),
                t.overheadSeconds(r.seconds()),
                100 * t.overheadSeconds(r.seconds()) / r.seconds(),
                r.plan().estimatedSeconds(),
                r.plan().naiveEstimatedSeconds(),
                r.plan().naiveEstimatedSeconds() / Math.max(1e-9, r.plan().estimatedSeconds()));
        System.out.println("report: " + r.files().report());
        System.out.println(
                "results: " + r.files().resultsCsv() + ", frontier: " + r.files().frontierCsv());
        for (TrialOutcome o : r.outcomes()) {
            if (!o.isOk()) {
                System.out.println(o.status() + " " + o.name() + ": " + o.failureReason());
            }
        }
        return r.failedTrials() > 0 ? SOME_FAILED : 0;
    }

    /**
     * Runs the sweep. An interrupt (Ctrl-C, a kill) is reported by the runner itself, after its
     * workers have stopped and nothing more is written; a run that returns or throws is reported by
     * the caller.
     */
    private SweepResult runResuming(SweepRunner runner, Sweep sweep, Path runDir)
            throws java.io.IOException {
        try {
            return runner.run(sweep, runDir);
        } catch (SpecException e) {
            throw SpecFiles.problems(file, e);
        }
    }

    /** The frontier as a text table. */
    static final class FrontierTable {
        private FrontierTable() {}

        static String render(SweepResult r) {
            StringBuilder sb = new StringBuilder();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "Pareto frontier: %d of %d points (%d trials + the baseline); objectives %s%n",
                            r.pareto().front().size(),
                            r.outcomes().size(),
                            r.plan().trialCount(),
                            r.pareto().criteria().objectives()));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %-24s %-22s %7s %10s %7s %-15s %9s %10s %-6s%n",
                            "trial",
                            "technique",
                            "accuracy [95% CI]",
                            "Δ pts",
                            "file",
                            "ratio",
                            "sparsity asked/file",
                            "p50 ms",
                            "img/s@64",
                            "kernel"));
            for (RankedTrial t : r.pareto().front()) {
                var m = t.outcome().metrics();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "%-22s %-24s %6.2f%% [%5.2f,%5.2f] %+7.2f %10s %6.1fx %-19s %9.3f %10.0f %-6s%n",
                                t.outcome().name(),
                                t.outcome().technique(),
                                100 * m.get("accuracy"),
                                100 * m.get("accuracy_ci_low"),
                                100 * m.get("accuracy_ci_high"),
                                -m.get("accuracy_drop"),
                                bytes(m.get("size_bytes")),
                                m.get("compression_ratio"),
                                sparsity(m),
                                m.get("latency_p50_ms"),
                                m.get("throughput_b64"),
                                t.outcome().params().getOrDefault("kernel_precision", "?")));
            }
            for (String w : r.warnings()) {
                sb.append("warning: ").append(w).append('\n');
            }
            return sb.toString();
        }

        /**
         * Asked-for and measured sparsity in %, with "!" when they differ by more than half a
         * point.
         */
        static String sparsity(java.util.Map<String, Double> m) {
            Double file = m.get("sparsity");
            if (file == null) {
                return "-";
            }
            Double asked = m.get("sparsity_target");
            if (asked == null) {
                return String.format(Locale.ROOT, "- / %.1f%%", 100 * file);
            }
            return String.format(
                    Locale.ROOT,
                    "%.1f / %.1f%%%s",
                    100 * asked,
                    100 * file,
                    dev.frontier.exec.run.TrialFacts.offTarget(asked, file) ? " !" : "");
        }

        private static String bytes(double b) {
            return b >= 1 << 20
                    ? String.format(Locale.ROOT, "%.2f MB", b / (1 << 20))
                    : b >= 1024
                            ? String.format(Locale.ROOT, "%.1f KB", b / 1024)
                            : String.format(Locale.ROOT, "%.0f B", b);
        }
    }
}
