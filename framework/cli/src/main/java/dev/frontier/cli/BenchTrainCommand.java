package dev.frontier.cli;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.frontier.data.DataSplits;
import dev.frontier.data.ImageSet;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.ModelZoo;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench train}: images/s of Frontier's training loop and of a bare DJL loop
 * ({@code EasyTrain.fit}) on the same model, data, optimizer and batch size, alternated in one run;
 * prints the median of each and their ratio.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Frontier's training loop vs a bare DJL EasyTrain loop: images/s and the ratio (target >= 0.95).")
public final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "lenet5", description = "zoo model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--epochs", defaultValue = "1", description = "epochs per measured run (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--repeats", defaultValue = "3", description = "measured runs of each loop, alternated (default: ${DEFAULT-VALUE})")
    int repeats;

    @Mixin
    DataOptions data;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() {
        if (repeats < 1 || epochs < 1) {
            throw new UserInputException("--repeats and --epochs must be >= 1");
        }
        ModelSpec spec = UserInputException.check("--model", () -> ModelSpec.of(model, 1.0));
        UserInputException.check("--batch-size", () -> TrainConfig.adam(epochs).withBatchSize(batchSize));
        DataSplits d = data.load();
        Device device = engine.start();
        System.out.printf(Locale.ROOT, "bench train: %s, %d images x %d epoch(s), batch %d, Adam 1e-3, %s, %s threads%n",
                model, d.train().size(), epochs, batchSize, device, engine.threads == 0 ? "default" : engine.threads);
        // warm-up of both paths (native code, JIT) on a slice large enough for the JIT to settle
        ImageSet warm = d.train().head(Math.min(16_384, d.train().size()));
        frontier(spec, device, d, warm);
        bare(spec, device, warm, d.mean(), d.std());
        List<Double> ours = new ArrayList<>();
        List<Double> djl = new ArrayList<>();
        for (int r = 1; r <= repeats; r++) {
            // alternate which loop goes first, so drift of a shared machine hits both alike
            double a;
            double b;
            if (r % 2 == 1) {
                a = frontier(spec, device, d, d.train());
                b = bare(spec, device, d.train(), d.mean(), d.std());
            } else {
                b = bare(spec, device, d.train(), d.mean(), d.std());
                a = frontier(spec, device, d, d.train());
            }
            ours.add(a);
            djl.add(b);
            System.out.printf(Locale.ROOT, "  run %d: frontier %.0f img/s, bare DJL %.0f img/s, ratio %.3f%n", r, a, b, a / b);
        }
        double mo = median(ours);
        double md = median(djl);
        System.out.printf(Locale.ROOT, "median: frontier %.0f img/s, bare DJL EasyTrain %.0f img/s, ratio %.3f (target >= 0.95)%n",
                mo, md, mo / md);
        return 0;
    }

    private double frontier(ModelSpec spec, Device device, DataSplits d, ImageSet train) {
        TrainConfig config = TrainConfig.adam(epochs).withBatchSize(batchSize);
        try (FrontierModel m = FrontierModel.create(spec, device, 1)) {
            long t0 = System.nanoTime();
            TrainingReport r = new TrainingLoop(config, TrainingHooks.standard(), TrainingProgress.silent())
                    .train(m, train, ImageSetEmpty.of(train), d.mean(), d.std());
            double secs = (System.nanoTime() - t0) / 1e9;
            return (double) train.size() * r.epochs().size() / secs;
        }
    }

    private double bare(ModelSpec spec, Device device, ImageSet train, float mean, float std) {
        int n = train.size();
        float[] x = new float[n * train.imageSize()];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            train.copyNormalized(i, x, i * train.imageSize(), mean, std);
            y[i] = train.label(i);
        }
        try (Model m = Model.newInstance(spec.name(), device, EngineSetup.ENGINE)) {
            Block block = ModelZoo.build(spec);
            m.setBlock(block);
            NDManager manager = m.getNDManager();
            NDArray xs = manager.create(x, new Shape(n, train.channels(), train.rows(), train.cols()));
            NDArray ys = manager.create(y, new Shape(n));
            ArrayDataset ds = new ArrayDataset.Builder().setData(xs).optLabels(ys).setSampling(batchSize, true).build();
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = m.newTrainer(cfg)) {
                trainer.initialize(ModelZoo.inputShape(spec));
                long t0 = System.nanoTime();
                EasyTrain.fit(trainer, epochs, ds, null);
                double secs = (System.nanoTime() - t0) / 1e9;
                return (double) n * epochs / secs;
            } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
                throw new IllegalStateException("bare DJL loop failed: " + e.getMessage(), e);
            }
        }
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
            return new ImageSet(new byte[0], new int[0], like.channels(), like.rows(), like.cols(), like.classes());
        }
    }
}
