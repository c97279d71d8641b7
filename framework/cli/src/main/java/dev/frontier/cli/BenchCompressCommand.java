package dev.frontier.cli;

import dev.frontier.data.DataLocator;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench compress}: every compression technique of the sweep DSL on one dataset,
 * printed as one table. The recipes are sweep files ({@code experiments/bench/<section>-*.yaml});
 * each runs through the same planner, stage runner and measurement as {@code frontier run}, and the
 * table is made of their measured results (see {@link CompressBenchTable}). No training or
 * compression code lives here.
 */
@Command(
        name = "compress",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Quantization, pruning, distillation and the combined pipeline: accuracy, Δ, file bytes, ratio.",
            "Runs the sweep files of experiments/bench (section S runs every S-*.yaml: lenet5 = PTQ, QAT, pruning "
                    + "and prune + 4-bit; cnn = structured pruning; distill = a half-width student alone vs "
                    + "distilled, 3 seeds; mlp = LeNet-300-100 pruned + 4-bit QAT) through the planner, stage "
                    + "runner and measurement of `frontier run`, and prints one table of their measured results.",
            "The recipes (epochs, learning rates, ratios, bit widths, seeds) are in those files: edit them to "
                    + "change the bench, or run one alone with `frontier run FILE`.",
            "Exit codes: 0 every trial OK, 4 some trials failed (listed in the table), 2 invalid input, 1 runtime failure."
        })
public final class BenchCompressCommand implements Callable<Integer> {
    @Mixin DataDirOption data = new DataDirOption();

    @Option(
            names = "--quick",
            description =
                    "a smoke run: "
                            + BenchSweeps.QUICK_LIMIT
                            + " training images; baseline, "
                            + "teacher and distilled student trained for at most "
                            + BenchSweeps.QUICK_TRAINING_EPOCHS
                            + " epochs, "
                            + "fine-tuning and QAT for "
                            + BenchSweeps.QUICK_PASS_EPOCHS
                            + " (the files are not changed)")
    boolean quick;

    @Option(
            names = "--sections",
            split = ",",
            defaultValue = "lenet5,cnn,distill",
            description =
                    "which sections run, in this order (default: ${DEFAULT-VALUE}; the folder also has: mlp)")
    List<String> sections;

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            description =
                    "keep the run folders here, one per sweep output (e.g. DIR/bench-lenet5, with each sweep's "
                            + "report); running again with the same DIR reuses finished stages and trials. Default: a "
                            + "temporary folder, deleted, so every figure is measured afresh")
    Path outDir;

    @Option(
            names = "--details",
            description =
                    "also print the per-tensor size breakdown of the file of every trial with integer weights "
                            + "and at least 50%% sparsity")
    boolean details;

    @Option(
            names = "--dataset",
            description =
                    "run every sweep on this dataset instead of the files' (e.g. synthetic, "
                            + "to try without data)")
    String dataset;

    @Option(
            names = "--limit",
            description = "training examples instead of the files' (0 = all; overrides --quick's)")
    Integer limit;

    @Option(names = "--device", description = "auto | cpu | gpu:N instead of the files' setting")
    String device;

    @Option(
            names = "--threads",
            description = "intra-op threads instead of the files' setting (0 = automatic)")
    Integer threads;

    @Option(
            names = "--bench-dir",
            paramLabel = "DIR",
            description =
                    "the folder of the bench's sweep files "
                            + "(default: experiments/bench of the repository)")
    Path benchDir;

    @Option(names = "--verbose-training", description = "one line per training epoch")
    boolean verboseTraining;

    @Override
    public Integer call() throws Exception {
        return data.around(this::runWithData);
    }

    private Integer runWithData() throws IOException {
        Path dir =
                benchDir != null
                        ? benchDir
                        : DataLocator.repoRoot().resolve("experiments").resolve("bench");
        List<String> known = BenchSweeps.sections(dir);
        List<Path> files = new ArrayList<>();
        for (String s : sections) {
            if (!known.contains(s)) {
                throw new UserInputException(
                        "--sections: unknown section '"
                                + s
                                + "' (no "
                                + dir.resolve(s + "-*.yaml")
                                + "); known: "
                                + String.join(", ", known));
            }
            files.addAll(BenchSweeps.files(dir, s));
        }
        BenchSweeps.Overrides overrides =
                new BenchSweeps.Overrides(quick, dataset, limit, device, threads);
        List<Sweep> sweeps =
                files.stream().map(f -> BenchSweeps.adjust(SpecFiles.read(f), overrides)).toList();
        Path root =
                outDir != null
                        ? Files.createDirectories(outDir)
                        : Files.createTempDirectory("frontier-bench-compress");
        CompressBenchTable table = new CompressBenchTable();
        long failed = 0;
        long t0 = System.nanoTime();
        // the table shows no latency (short latency runs); runs are logged to a file store in the
        // bench's folder,
        // not to the working directory's or a server's
        SweepRunner runner =
                new SweepRunner(
                        System.out,
                        verboseTraining,
                        BenchSettings.quick(),
                        Map.of(
                                "MLFLOW_TRACKING_URI",
                                "file:" + root.toAbsolutePath().resolve("mlruns")));
        try {
            for (int i = 0; i < sweeps.size(); i++) {
                Sweep sweep = sweeps.get(i);
                Path runDir = root.resolve(Path.of(sweep.output()).getFileName());
                System.out.printf(Locale.ROOT, "%n== %s -> %s%n", files.get(i), runDir);
                SweepResult r = runner.run(sweep, runDir);
                failed += r.failedTrials();
                table.add(r, details);
            }
        } finally {
            if (outDir == null) {
                deleteTree(root);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%nbench compress: %d sweep(s) of %s, sections %s%s, %.0f s%n%n",
                sweeps.size(),
                dir,
                String.join(",", sections),
                quick ? " (quick)" : "",
                (System.nanoTime() - t0) / 1e9);
        System.out.print(table.render());
        return failed > 0 ? RunCommand.SOME_FAILED : 0;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
