package dev.frontier.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.frontier.codec.format.EntropyFloor;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.Distillation;
import dev.frontier.compress.GradualSchedule;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Masks;
import dev.frontier.compress.ModelCopy;
import dev.frontier.compress.ModelPacker;
import dev.frontier.compress.PruningHooks;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.Sparsity;
import dev.frontier.compress.StructuredPruner;
import dev.frontier.compress.WeightQuantizer;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.compress.quant.QuantizeResult;
import dev.frontier.compress.quant.WeightQat;
import dev.frontier.data.DataSplits;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.stats.McNemar;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
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
 * {@code frontier bench compress}: every compression technique of the sweep on one dataset, printed as
 * one table (accuracy with its interval, paired drop against the baseline, real file bytes, ratio):
 * 8-bit and 4-bit PTQ, 4-bit QAT, 90% magnitude pruning, structured filter pruning of the {@code cnn},
 * distillation into a half-width student, and the combined prune + 4-bit + entropy-coding pipeline.
 */
@Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Quantization, pruning, distillation and the combined pipeline: accuracy, drop, file bytes, ratio.")
public final class BenchCompressCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "6000 training and 2000 test images, 1-2 epochs everywhere (a smoke run)")
    boolean quick;

    @Option(names = "--epochs", defaultValue = "10", description = "lenet5 baseline epochs, cosine learning rate (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--cnn-epochs", defaultValue = "6", description = "cnn teacher/baseline epochs, cosine learning rate (default: ${DEFAULT-VALUE})")
    int cnnEpochs;

    @Option(names = "--fine-tune-epochs", defaultValue = "2", description = "epochs of QAT (default: ${DEFAULT-VALUE})")
    int fineTuneEpochs;

    @Option(names = "--prune-epochs", defaultValue = "8",
            description = "fine-tuning epochs after pruning (lenet5's gradual 90%, the cnn's structured 50%), cosine learning rate "
                    + "(default: ${DEFAULT-VALUE})")
    int pruneEpochs;

    @Option(names = "--qat-lr", defaultValue = "1e-4",
            description = "Adam learning rate of QAT (cosine to 0) and of the combined pipeline's QAT epoch (default: ${DEFAULT-VALUE})")
    double qatLr;

    @Option(names = "--prune-lr", defaultValue = "2e-3",
            description = "Adam learning rate of fine-tuning after lenet5's 90% pruning, cosine to 0; the cnn's structured "
                    + "fine-tuning keeps 1e-3, which a 50% narrower network needs (default: ${DEFAULT-VALUE})")
    double pruneLr;

    @Option(names = "--student-epochs", defaultValue = "3", description = "epochs of each student run (default: ${DEFAULT-VALUE})")
    int studentEpochs;

    @Option(names = "--seeds", defaultValue = "3", description = "student seeds, alone and distilled (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--temperature", defaultValue = "4", description = "distillation temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--alpha", defaultValue = "0.9", description = "weight of the soft-target term (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--sections", split = ",", defaultValue = "lenet5,cnn,distill",
            description = "which parts to run: lenet5 (quantization, pruning, combined), cnn (structured), distill (default: ${DEFAULT-VALUE})")
    List<String> sections;

    @Option(names = "--details", description = "also print the per-tensor size breakdown of the combined pipeline's file")
    boolean details;

    @Option(names = "--out-dir", description = "keep the written model files here (default: a temporary directory, deleted)")
    Path outDir;

    @Option(names = "--seed", defaultValue = "42", description = "seed of baselines' initialization and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DataOptions data;

    @Mixin
    EngineOptions engine;

    private DataSplits d;
    private Device device;
    private Path dir;
    private final Evaluator evaluator = new Evaluator(1000);
    private final CompressBenchTable table = new CompressBenchTable();

    @Override
    public Integer call() throws IOException {
        for (String s : sections) {
            if (!List.of("lenet5", "cnn", "distill").contains(s)) {
                throw new UserInputException("--sections: unknown section '" + s + "'; known: lenet5, cnn, distill");
            }
        }
        if (quick) {
            data.limit = data.limit == 0 ? 6000 : data.limit;
            data.testLimit = data.testLimit == 0 ? 2000 : data.testLimit;
            epochs = 2;
            cnnEpochs = 1;
            fineTuneEpochs = 1;
            pruneEpochs = 1;
            studentEpochs = 1;
        }
        UserInputException.check("--temperature/--alpha", () -> new Distillation(temperature, alpha));
        if (!(qatLr > 0) || !(pruneLr > 0)) {
            throw new UserInputException("--qat-lr and --prune-lr must be > 0");
        }
        if (epochs < 1 || cnnEpochs < 1 || fineTuneEpochs < 1 || pruneEpochs < 1 || studentEpochs < 1 || seeds < 1) {
            throw new UserInputException(
                    "--epochs, --cnn-epochs, --fine-tune-epochs, --prune-epochs, --student-epochs and --seeds must be >= 1");
        }
        d = data.load();
        device = engine.start();
        dir = outDir != null ? Files.createDirectories(outDir) : Files.createTempDirectory("frontier-bench-compress");
        long t0 = System.nanoTime();
        try {
            if (sections.contains("lenet5")) {
                lenet5();
            }
            if (sections.contains("cnn") || sections.contains("distill")) {
                cnn();
            }
        } finally {
            if (outDir == null) {
                deleteTree(dir);
            }
        }
        System.out.printf(Locale.ROOT, "%nbench compress: %s, train %d, test %d images, %.0f s%n%n", d.name(), d.train().size(),
                d.test().size(), (System.nanoTime() - t0) / 1e9);
        System.out.print(table.render());
        return 0;
    }

    private void lenet5() throws IOException {
        ModelSpec spec = ModelSpec.of("lenet5", 1);
        try (FrontierModel base = train(spec, epochs, seed, TrainingHooks.standard(), "lenet5 baseline")) {
            Evaluation b = eval(base);
            SizeReport dense = write(base, Map.of(), false, false, "lenet5-fp32");
            table.baseline("fp32 baseline (" + epochs + " ep)", "lenet5", b, dense, base.parameterCount() + " params");
            ptq(base, b, dense, "8-bit per-channel PTQ, weights", QuantSettings.weights(8), "");
            ptq(base, b, dense, "8-bit PTQ, weights + activations (mse)",
                    QuantSettings.weights(8).withActivations(CalibrationMethod.MSE, 1000), "kernel int8");
            ptq(base, b, dense, "4-bit per-channel PTQ, weights", QuantSettings.weights(4), "");
            ptq(base, b, dense, "4-bit PTQ, W4 + A8 (percentile calib.)",
                    QuantSettings.weights(4).withActivations(CalibrationMethod.PERCENTILE, 1000), "1000 val images");
            ptq(base, b, dense, "4-bit PTQ, MSE-fitted W4 + A8 (percentile)",
                    QuantSettings.weights(4).withWeightFit(RangeFit.MSE).withActivations(CalibrationMethod.PERCENTILE, 1000),
                    "weight ranges clipped where that lowers MSE");
            try (FrontierModel m = ModelCopy.of(base)) {
                stage("4-bit QAT");
                QuantizeResult r = QuantizePass.qat(QuantSettings.weights(4).withActivations(CalibrationMethod.PERCENTILE, 1000),
                        config(fineTuneEpochs, seed + 1).withLr(qatLr).withSchedule(TrainConfig.Schedule.COSINE))
                        .apply(m, d, TrainingProgress.silent());
                table.candidate("4-bit QAT, W4 + A8 (" + fineTuneEpochs + " ep STE)", "lenet5", b, dense,
                        QuantizePass.evaluate(m, r, d.test(), d.mean(), d.std(), evaluator),
                        write(m, r.encodings(), false, false, "lenet5-qat4"), "kernel " + r.kernelPrecision());
            }
            pruneAndCombine(base, b, dense);
        }
    }

    private void ptq(FrontierModel base, Evaluation b, SizeReport dense, String technique, QuantSettings s, String note)
            throws IOException {
        try (FrontierModel m = ModelCopy.of(base)) {
            QuantizeResult r = QuantizePass.ptq(s).apply(m, d, TrainingProgress.silent());
            table.candidate(technique, "lenet5", b, dense, QuantizePass.evaluate(m, r, d.test(), d.mean(), d.std(), evaluator),
                    write(m, r.encodings(), false, false, "lenet5-ptq"), note);
        }
    }

    private void pruneAndCombine(FrontierModel base, Evaluation b, SizeReport dense) throws IOException {
        try (FrontierModel pruned = ModelCopy.of(base); NDManager scope = pruned.djlModel().getNDManager().newSubManager()) {
            LayerMap layers = LayerMap.of(pruned.block());
            MagnitudePruner pruner = new MagnitudePruner(MagnitudePruner.Scope.GLOBAL, layers.defaultExcluded());
            stage("90% gradual magnitude pruning + fine-tune");
            TrainConfig cfg = config(pruneEpochs, seed + 2).withLr(pruneLr).withSchedule(TrainConfig.Schedule.COSINE);
            int steps = pruneEpochs * ((d.train().size() + cfg.batchSize() - 1) / cfg.batchSize());
            int end = Math.max(1, steps / 2);
            new TrainingLoop(cfg, TrainingHooks.standard().withAfterStep(PruningHooks.gradual(pruner,
                    new GradualSchedule(0, 0.9, 0, end, Math.max(1, end / 20)), scope)), TrainingProgress.silent())
                    .train(pruned, d.train(), d.validation(), d.mean(), d.std());
            Masks masks = Masks.keepingZeros(LayerMap.of(pruned.block()), scope);
            Sparsity sp = Sparsity.of(LayerMap.of(pruned.block()));
            Evaluation prunedEval = eval(pruned);
            table.candidate("90% global gradual pruning + FT (" + pruneEpochs + " ep)", "lenet5", b, dense, prunedEval,
                    write(pruned, Map.of(), true, false, "lenet5-pruned"), String.format(Locale.ROOT,
                            "%.1f%% of all weights zero (conv1, fc3 dense); fp32 sparse", 100 * sp.ratio()));
            try (FrontierModel combined = ModelCopy.of(pruned)) {
                stage("combined: pruned + 4-bit QAT (masks kept) + zstd");
                QuantSettings four = QuantSettings.weights(4);
                new TrainingLoop(config(1, seed + 3).withLr(qatLr).withSchedule(TrainConfig.Schedule.COSINE), new WeightQat(four).addTo(TrainingHooks.standard()
                        .withAfterStep(PruningHooks.keep(masks))), TrainingProgress.silent())
                        .train(combined, d.train(), d.validation(), d.mean(), d.std());
                Map<String, TensorEncoding> enc = WeightQuantizer.apply(combined, four);
                SizeReport file = write(combined, enc, true, true, "lenet5-combined");
                Evaluation c = eval(combined);
                McNemar vsPruned = McNemar.test(prunedEval.correct(), c.correct());
                long floor = EntropyFloor.bytes(ModelPacker.toModelFile(combined, enc, true, true));
                table.candidate("prune 90% + 4-bit (QAT 1 ep) + zstd", "lenet5", b, dense, c, file,
                        String.format(Locale.ROOT, "%.2f bits/weight, %d non-zeros; vs pruned fp32: %d/%d discordant; "
                                + "order-0 entropy floor %d B (no such coder beats %.1fx)", file.bitsPerWeight(),
                                file.nonZeros(), vsPruned.baselineOnlyCorrect(), vsPruned.candidateOnlyCorrect(), floor,
                                (double) dense.fileBytes() / floor));
                if (details) {
                    System.out.print(file.toTable());
                }
            }
        }
    }

    private void cnn() throws IOException {
        ModelSpec spec = ModelSpec.of("cnn", 1);
        try (FrontierModel teacher = train(spec, cnnEpochs, seed, TrainingHooks.standard(), "cnn baseline / teacher")) {
            Evaluation b = eval(teacher);
            SizeReport dense = write(teacher, Map.of(), false, false, "cnn-fp32");
            table.baseline("fp32 baseline (" + cnnEpochs + " ep)", "cnn", b, dense, teacher.parameterCount() + " params");
            if (sections.contains("cnn")) {
                structured(teacher, b, dense);
            }
            if (sections.contains("distill")) {
                distill(teacher, b, dense);
            }
        }
    }

    private void structured(FrontierModel base, Evaluation b, SizeReport dense) throws IOException {
        StructuredPruner pruner = new StructuredPruner(StructuredPruner.Norm.L1, List.of());
        try (FrontierModel small = pruner.apply(base, pruner.plan(base, 0.5))) {
            stage("structured 50% filter pruning + fine-tune");
            new TrainingLoop(config(pruneEpochs, seed + 4).withSchedule(TrainConfig.Schedule.COSINE), TrainingHooks.standard(),
                    TrainingProgress.silent()).train(small, d.train(), d.validation(), d.mean(), d.std());
            table.candidate("structured 50% filters (L1) + FT (" + pruneEpochs + " ep)", "cnn", b, dense, eval(small),
                    write(small, Map.of(), false, false, "cnn-structured"), String.format(Locale.ROOT,
                            "params %d -> %d (%.2fx), widths %s", base.parameterCount(), small.parameterCount(),
                            (double) base.parameterCount() / small.parameterCount(), small.spec().effectiveHidden()));
        }
    }

    private void distill(FrontierModel teacher, Evaluation b, SizeReport dense) throws IOException {
        ModelSpec student = ModelSpec.of("cnn", 0.5);
        Distillation kd = new Distillation(temperature, alpha);
        List<Double> alone = new ArrayList<>();
        List<Double> distilled = new ArrayList<>();
        List<String> pValues = new ArrayList<>();
        long bytes = 0;
        for (int s = 1; s <= seeds; s++) {
            long studentSeed = seed * 31 + s;
            Evaluation a;
            Evaluation k;
            try (FrontierModel m = train(student, studentEpochs, studentSeed, TrainingHooks.standard(), "student alone, seed " + s)) {
                a = eval(m);
                bytes = write(m, Map.of(), false, false, "student").fileBytes();
            }
            try (FrontierModel m = train(student, studentEpochs, studentSeed, kd.hooks(teacher, student),
                    "student distilled, seed " + s)) {
                k = eval(m);
            }
            alone.add(100 * a.accuracy().value());
            distilled.add(100 * k.accuracy().value());
            pValues.add(String.format(Locale.ROOT, "%.3f", McNemar.test(a.correct(), k.correct()).pValue()));
        }
        double teacherPct = 100 * b.accuracy().value();
        double ratio = (double) dense.fileBytes() / bytes;
        table.add(new CompressBenchTable.Row("half-width student alone (" + studentEpochs + " ep)", "cnn x0.5",
                meanSpread(alone), teacherPct - mean(alone), Double.NaN, bytes, ratio, "seeds " + fmt(alone)));
        table.add(new CompressBenchTable.Row(String.format(Locale.ROOT, "half-width student distilled (T=%s, a=%s)",
                temperature, alpha), "cnn x0.5", meanSpread(distilled), teacherPct - mean(distilled), Double.NaN, bytes, ratio,
                String.format(Locale.ROOT, "seeds %s; distilled - alone %+.2f pts; McNemar p per seed %s", fmt(distilled),
                        mean(distilled) - mean(alone), pValues)));
    }

    private FrontierModel train(ModelSpec spec, int e, long s, TrainingHooks hooks, String what) {
        stage(what + " (" + e + " ep)");
        FrontierModel m = FrontierModel.create(spec, device, s);
        try {
            new TrainingLoop(config(e, s).withSchedule(TrainConfig.Schedule.COSINE), hooks, TrainingProgress.silent())
                    .train(m, d.train(), d.validation(), d.mean(), d.std());
            return m;
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
    }

    private static TrainConfig config(int e, long s) {
        return TrainConfig.adam(e).withSeed(s);
    }

    private Evaluation eval(FrontierModel m) {
        return evaluator.evaluate(m, d.test(), d.mean(), d.std());
    }

    private SizeReport write(FrontierModel m, Map<String, TensorEncoding> enc, boolean sparse, boolean zstd, String name)
            throws IOException {
        return ModelPacker.write(m, enc, sparse, zstd, dir.resolve(name + ".frontier"));
    }

    private static void stage(String what) {
        System.out.printf(Locale.ROOT, "  %tT %s%n", System.currentTimeMillis(), what);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String meanSpread(List<Double> v) {
        double m = mean(v);
        double sd = Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / Math.max(1, v.size() - 1));
        return String.format(Locale.ROOT, "%.2f%% mean, sd %.2f (n=%d)", m, sd, v.size());
    }

    private static String fmt(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString().replace(" ", "");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
