package dev.frontier.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.frontier.data.ImageSet;
import dev.frontier.data.Splitter;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Frontier's training loop: seeded shuffling, one NDManager scope per batch, the configured
 * optimizer and schedule, NaN/inf detection, validation each epoch and early stopping that restores
 * the best epoch's weights. Weights that are exactly zero when training starts (a pruned model) stay
 * exactly zero: the loop re-applies them after every optimizer step ({@link ZeroGuard}), so no pass
 * that trains can regrow them. Deterministic on CPU for the same seed and thread count.
 */
public final class TrainingLoop {
    private final TrainConfig config;
    private final TrainingHooks hooks;
    private final TrainingProgress progress;

    /** A loop with the given configuration, hooks and progress reporting. */
    public TrainingLoop(TrainConfig config, TrainingHooks hooks, TrainingProgress progress) {
        this.config = config;
        this.hooks = hooks;
        this.progress = progress;
    }

    /**
     * Trains {@code model} in place on {@code train}; {@code validation} (may be empty) is evaluated
     * after every epoch and drives early stopping.
     */
    public TrainingReport train(FrontierModel model, ImageSet train, ImageSet validation, float mean, float std) {
        int n = train.size();
        int bs = config.batchSize();
        int batchesPerEpoch = (n + bs - 1) / bs;
        if (n == 0) {
            throw new IllegalArgumentException("training set is empty");
        }
        long start = System.nanoTime();
        // parameters read from a file (checkpoint, snapshot) come back without gradient tracking
        for (var p : model.block().getParameters()) {
            if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        List<EpochStats> history = new ArrayList<>();
        DefaultTrainingConfig djlConfig = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer(Math.max(1, config.epochs() * batchesPerEpoch), batchesPerEpoch))
                .optDevices(new Device[] {model.device()});
        Evaluator evaluator = new Evaluator(512);
        double bestVal = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        byte[] bestWeights = null;
        boolean stopped = false;
        Batches batches = new Batches(train, mean, std, bs);
        int step = 0;
        try (Trainer trainer = model.djlModel().newTrainer(djlConfig);
                NDManager guardScope = model.djlModel().getNDManager().newSubManager();
                ZeroGuard zeros = ZeroGuard.of(model, guardScope)) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                progress.epochStarted(epoch, config.epochs(), batchesPerEpoch);
                int[] order = Splitter.permutation(n, config.seed() * 1_000_003L + epoch);
                long t0 = System.nanoTime();
                double lossSum = 0;
                long right;
                NDArray correct = null;
                NDManager epochScope = trainer.getManager().newSubManager();
                for (int b = 0; b < batchesPerEpoch; b++) {
                    int from = b * bs;
                    int to = Math.min(n, from + bs);
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDArray x = batches.images(m, order, from, to);
                        NDArray y = batches.labels(m, order, from, to);
                        float loss;
                        hooks.beforeForward().run(model, step);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(x));
                            NDArray l = hooks.loss().compute(x, y, pred);
                            gc.backward(l);
                            loss = l.getFloat();
                            NDArray hits = pred.singletonOrThrow().argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                                    .eq(y).sum();
                            hits.attach(epochScope);
                            correct = correct == null ? hits : correct.addi(hits);
                        }
                        if (!Float.isFinite(loss)) {
                            throw new TrainingDivergedException(String.format(Locale.ROOT,
                                    "%s: loss became %s at epoch %d, batch %d (lr %s, %s). Lower the learning rate "
                                            + "or check the data.", model.spec().name(), loss, epoch, b + 1, config.lr(),
                                    config.optimizer()));
                        }
                        hooks.beforeStep().run(model, step);
                        trainer.step();
                        zeros.reapply();
                        hooks.afterStep().run(model, step++);
                        lossSum += loss * (to - from);
                        double secs = (System.nanoTime() - t0) / 1e9;
                        if (progress.wantsBatches()) {
                            progress.batchFinished(b + 1, lossSum / to, correct.toType(ai.djl.ndarray.types.DataType.INT64,
                                    false).getLong() / (double) to, to / Math.max(secs, 1e-9));
                        }
                    }
                }
                right = correct == null ? 0 : correct.toType(ai.djl.ndarray.types.DataType.INT64, false).getLong();
                epochScope.close();
                double secs = (System.nanoTime() - t0) / 1e9;
                double val = validation.size() > 0 ? evaluator.evaluate(model, validation, mean, std).accuracy().value()
                        : Double.NaN;
                EpochStats stats = new EpochStats(epoch, lossSum / n, (double) right / n, val, n / secs, secs);
                history.add(stats);
                progress.epochFinished(stats, config.epochs());
                if (config.patience() > 0 && !Double.isNaN(val)) {
                    if (val > bestVal) {
                        bestVal = val;
                        bestEpoch = epoch;
                        bestWeights = snapshot(model);
                    } else if (epoch - bestEpoch >= config.patience()) {
                        stopped = true;
                        break;
                    }
                } else {
                    bestEpoch = epoch;
                }
            }
        }
        if (bestWeights != null && bestEpoch != history.size()) {
            restore(model, bestWeights);
        }
        return new TrainingReport(history, bestEpoch, stopped, (System.nanoTime() - start) / 1e9);
    }

    private Optimizer optimizer(int totalSteps, int batchesPerEpoch) {
        float lr = (float) config.lr();
        Tracker tracker;
        switch (config.schedule()) {
            case COSINE:
                tracker = Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.01f).setMaxUpdates(totalSteps).build();
                break;
            case STEP:
                List<Integer> steps = new ArrayList<>();
                for (int e = config.stepEpochs(); e < config.epochs(); e += config.stepEpochs()) {
                    steps.add(e * batchesPerEpoch);
                }
                tracker = steps.isEmpty() ? Tracker.fixed(lr)
                        : Tracker.multiFactor().setBaseValue(lr).setSteps(steps.stream().mapToInt(Integer::intValue).toArray())
                                .optFactor((float) config.stepGamma()).build();
                break;
            default:
                tracker = Tracker.fixed(lr);
        }
        float wd = (float) config.weightDecay();
        if (config.optimizer() == TrainConfig.Optimizer.SGD) {
            return Optimizer.sgd().setLearningRateTracker(tracker).optMomentum((float) config.momentum())
                    .optWeightDecays(wd).build();
        }
        return Optimizer.adam().optLearningRateTracker(tracker).optWeightDecays(wd).build();
    }

    /** The model's parameters as bytes (for restoring the best epoch). */
    public static byte[] snapshot(FrontierModel model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.block().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Loads parameters taken by {@link #snapshot}. */
    public static void restore(FrontierModel model, byte[] weights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            model.block().loadParameters(model.djlModel().getNDManager(), in);
        } catch (IOException | ai.djl.MalformedModelException e) {
            throw new IllegalStateException("cannot restore snapshot: " + e.getMessage(), e);
        }
    }
}
