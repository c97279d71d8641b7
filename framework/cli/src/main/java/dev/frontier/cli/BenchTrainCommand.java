package dev.frontier.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.frontier.data.DataSplits;
import dev.frontier.data.ImageSet;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.EpochStats;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench train}: images/s of Frontier's training loop and of a bare DJL loop ({@code
 * EasyTrain.fit} over an {@code ArrayDataset}) on the same model and initial weights, data,
 * optimizer, batch size and threads, both warmed up, then measured in pairs; prints every pair and
 * the median ratio. Within a pair the training set is cut into parts and the two loops take turns
 * part by part in ABBA order, so load changes on a shared machine hit both alike. Only the epochs
 * are timed on either side: each loop's data set-up (normalizing the images into arrays) is
 * excluded from both.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Frontier's training loop vs a bare DJL EasyTrain loop: images/s of alternated pairs and the median "
                        + "ratio (target: median >= 0.95, every pair >= 0.90).")
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            defaultValue = "lenet5",
            description = "zoo model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--epochs",
            defaultValue = "1",
            description = "epochs per measured run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "128",
            description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            description =
                    "measured pairs, alternating which loop goes first (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(
            names = "--parts",
            defaultValue = "4",
            description =
                    "parts the training set is cut into; in each pair the "
                            + "loops alternate part by part (ABBA), each run training fresh weights on one part (default: ${DEFAULT-VALUE})")
    int parts;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description =
                    "unmeasured warm-up pairs on up to 16384 images (default: ${DEFAULT-VALUE})")
    int warmup;

    @Mixin DataOptions data;

    @Mixin EngineOptions engine;

    @Override
    public Integer call() {
        if (repeats < 1 || epochs < 1 || warmup < 0) {
            throw new UserInputException(
                    "--repeats and --epochs must be >= 1 and --warmup >= 0, got --repeats "
                            + repeats
                            + " --epochs "
                            + epochs
                            + " --warmup "
                            + warmup);
        }
        if (batchSize < 1 || parts < 1) {
            throw new UserInputException(
                    "--batch-size and --parts must be >= 1, got --batch-size "
                            + batchSize
                            + " --parts "
                            + parts);
        }
        ModelSpec spec = UserInputException.check("--model", () -> ModelSpec.of(model, 1.0));
        UserInputException.check(
                "--batch-size", () -> TrainConfig.adam(epochs).withBatchSize(batchSize));
        DataSplits d = data.load();
        if (parts > d.train().size()) {
            throw new UserInputException(
                    "--parts "
                            + parts
                            + " is more than the "
                            + d.train().size()
                            + " training images");
        }
        Device device = engine.start();
        System.out.printf(
                Locale.ROOT,
                "bench train: %s, %d images in %d part(s) x %d epoch(s), batch %d, Adam 1e-3, %s, "
                        + "%s threads, load average %.2f%n",
                model,
                d.train().size(),
                parts,
                epochs,
                batchSize,
                device,
                engine.threads == 0 ? "default" : engine.threads,
                load());
        System.out.println(
                "  both loops start from the same initial weights; timed: the epochs only (data set-up excluded "
                        + "on both sides); CPU ratio = bare's process CPU time / Frontier's, for the same images");
        ImageSet[] cut = parts(d.train(), parts);
        ImageSet warm = d.train().head(Math.min(16_384, d.train().size()));
        for (int w = 1; w <= warmup; w++) {
            Run a = frontier(spec, device, d, warm);
            Run b = bare(spec, device, warm, d.mean(), d.std());
            System.out.printf(
                    Locale.ROOT,
                    "  warm-up %d (%d images): frontier %.0f img/s, bare DJL %.0f img/s%n",
                    w,
                    warm.size(),
                    a.imagesPerSecond(),
                    b.imagesPerSecond());
        }
        List<Double> ours = new ArrayList<>();
        List<Double> djl = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            Run a = new Run(0, 0, 0);
            Run b = new Run(0, 0, 0);
            for (int k = 0; k < cut.length; k++) {
                // ABBA within the pair, and pairs alternate which loop starts
                if ((r + k) % 2 == 1) {
                    a = a.plus(frontier(spec, device, d, cut[k]));
                    b = b.plus(bare(spec, device, cut[k], d.mean(), d.std()));
                } else {
                    b = b.plus(bare(spec, device, cut[k], d.mean(), d.std()));
                    a = a.plus(frontier(spec, device, d, cut[k]));
                }
            }
            double ratio = a.imagesPerSecond() / b.imagesPerSecond();
            ours.add(a.imagesPerSecond());
            djl.add(b.imagesPerSecond());
            ratios.add(ratio);
            System.out.printf(
                    Locale.ROOT,
                    "  pair %d (%d part(s), %s first): frontier %.0f img/s, bare DJL %.0f img/s, "
                            + "ratio %.3f (CPU ratio %.3f), load average %.2f%n",
                    r,
                    cut.length,
                    r % 2 == 1 ? "frontier" : "bare DJL",
                    a.imagesPerSecond(),
                    b.imagesPerSecond(),
                    ratio,
                    b.cpuSeconds() / a.cpuSeconds(),
                    load());
        }
        StringBuilder all = new StringBuilder();
        for (double x : ratios) {
            all.append(String.format(Locale.ROOT, " %.3f", x));
        }
        System.out.printf(
                Locale.ROOT,
                "pair ratios:%s; median %.3f, lowest %.3f (target: median >= 0.95, every pair >= 0.90)%n",
                all,
                median(ratios),
                Collections.min(ratios));
        System.out.printf(
                Locale.ROOT,
                "median img/s: frontier %.0f, bare DJL EasyTrain %.0f (ratio %.3f)%n",
                median(ours),
                median(djl),
                median(ours) / median(djl));
        return 0;
    }

    /** Images trained, wall seconds and process CPU seconds of timed runs. */
    private record Run(long images, double wallSeconds, double cpuSeconds) {
        Run plus(Run o) {
            return new Run(
                    images + o.images, wallSeconds + o.wallSeconds, cpuSeconds + o.cpuSeconds);
        }

        double imagesPerSecond() {
            return images / wallSeconds;
        }
    }

    /** {@code set} cut into {@code k} consecutive parts of (nearly) equal size. */
    static ImageSet[] parts(ImageSet set, int k) {
        ImageSet[] out = new ImageSet[k];
        int n = set.size();
        for (int i = 0; i < k; i++) {
            int from = (int) ((long) n * i / k);
            int to = (int) ((long) n * (i + 1) / k);
            int[] idx = new int[to - from];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = from + j;
            }
            out[i] = k == 1 ? set : set.select(idx);
        }
        return out;
    }

    /** Wall and process CPU time, accumulated between start and stop. */
    private static final class Stopwatch {
        private long wall;
        private long cpu;
        private long wall0;
        private long cpu0;

        void start() {
            wall0 = System.nanoTime();
            cpu0 = processCpuNanos();
        }

        void stop() {
            wall += System.nanoTime() - wall0;
            cpu += processCpuNanos() - cpu0;
        }

        Run run(long images) {
            return new Run(images, wall / 1e9, cpu / 1e9);
        }
    }

    private Run frontier(ModelSpec spec, Device device, DataSplits d, ImageSet train) {
        TrainConfig config = TrainConfig.adam(epochs).withBatchSize(batchSize);
        Stopwatch watch = new Stopwatch();
        // the epochs are timed through the progress callbacks: the loop's set-up (normalizing the
        // set) is not
        TrainingProgress timing =
                new TrainingProgress() {
                    @Override
                    public void epochStarted(int epoch, int total, int batches) {
                        watch.start();
                    }

                    @Override
                    public void batchFinished(
                            int batch, double loss, double accuracy, double imagesPerSecond) {}

                    @Override
                    public void epochFinished(EpochStats stats, int total) {
                        watch.stop();
                    }
                };
        try (FrontierModel m = FrontierModel.create(spec, device, 1)) {
            System.gc();
            TrainingReport r =
                    new TrainingLoop(config, TrainingHooks.standard(), timing)
                            .train(m, train, ImageSetEmpty.of(train), d.mean(), d.std());
            return watch.run((long) train.size() * r.epochs().size());
        }
    }

    private Run bare(ModelSpec spec, Device device, ImageSet train, float mean, float std) {
        int n = train.size();
        float[] x = new float[n * train.imageSize()];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            train.copyNormalized(i, x, i * train.imageSize(), mean, std);
            y[i] = train.label(i);
        }
        DefaultTrainingConfig cfg =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(1e-3f))
                                        .build())
                        .optDevices(new Device[] {device});
        // the same model and initial weights as Frontier's side
        try (FrontierModel m = FrontierModel.create(spec, device, 1);
                Trainer trainer = m.djlModel().newTrainer(cfg)) {
            NDManager manager = trainer.getManager();
            NDArray xs =
                    manager.create(x, new Shape(n, train.channels(), train.rows(), train.cols()));
            NDArray ys = manager.create(y, new Shape(n));
            ArrayDataset ds =
                    new ArrayDataset.Builder()
                            .setData(xs)
                            .optLabels(ys)
                            .setSampling(batchSize, true)
                            .build();
            Stopwatch watch = new Stopwatch();
            System.gc();
            watch.start();
            EasyTrain.fit(trainer, epochs, ds, null);
            watch.stop();
            return watch.run((long) n * epochs);
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException("bare DJL loop failed: " + e.getMessage(), e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int k = s.size();
        return k % 2 == 1 ? s.get(k / 2) : (s.get(k / 2 - 1) + s.get(k / 2)) / 2;
    }

    /** An empty validation set of the same shape (the benchmark measures training only). */
    private static final class ImageSetEmpty {
        static ImageSet of(ImageSet like) {
            return new ImageSet(
                    new byte[0],
                    new int[0],
                    like.channels(),
                    like.rows(),
                    like.cols(),
                    like.classes());
        }
    }
}
