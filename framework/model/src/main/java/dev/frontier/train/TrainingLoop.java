package dev.frontier.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * the best epoch's weights. Weights that are exactly zero when training starts (a pruned model)
 * stay exactly zero: the loop re-applies them after every optimizer step ({@link ZeroGuard}), so no
 * pass that trains can regrow them. Deterministic on CPU for the same seed and thread count.
 *
 * <p>Batch losses and predictions stay on the device and are read every {@value #CHECK_EVERY}
 * batches (and at the end of each epoch, and when a live progress bar is due), not after every
 * batch; a non-finite loss is still reported with the exact batch it appeared in.
 */
public final class TrainingLoop {
    /**
     * Batches between reads of the losses and predictions from the device (the divergence check).
     */
    static final int CHECK_EVERY = 32;

    /** Least time between two running-figure updates of a live progress bar. */
    private static final long REPORT_NANOS = 250_000_000L;

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
     * Trains {@code model} in place on {@code train}; {@code validation} (may be empty) is
     * evaluated after every epoch and drives early stopping.
     */
    public TrainingReport train(
            FrontierModel model, ImageSet train, ImageSet validation, float mean, float std) {
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
        DefaultTrainingConfig djlConfig =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(
                                optimizer(
                                        Math.max(1, config.epochs() * batchesPerEpoch),
                                        batchesPerEpoch))
                        .optDevices(new Device[] {model.device()});
        Evaluator evaluator = new Evaluator(512);
        double bestVal = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        byte[] bestWeights = null;
        boolean stopped = false;
        int step = 0;
        try (Trainer trainer = model.djlModel().newTrainer(djlConfig);
                NDManager guardScope = model.djlModel().getNDManager().newSubManager();
                ZeroGuard zeros = ZeroGuard.of(model, guardScope)) {
            DeviceBatches batches = new DeviceBatches(train, mean, std, trainer.getManager());
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                progress.epochStarted(epoch, config.epochs(), batchesPerEpoch);
                int[] order = Splitter.permutation(n, config.seed() * 1_000_003L + epoch);
                long t0 = System.nanoTime();
                long lastReport = t0;
                Tally tally = new Tally(batches, order, bs, trainer.getManager());
                for (int b = 0; b < batchesPerEpoch; b++) {
                    int from = b * bs;
                    int to = Math.min(n, from + bs);
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList batch = batches.batch(m, order, from, to);
                        NDArray x = batch.get(0);
                        NDArray y = batch.get(1);
                        hooks.beforeForward().run(model, step);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(x));
                            NDArray l = hooks.loss().compute(x, y, pred);
                            gc.backward(l);
                            tally.add(l, pred.singletonOrThrow());
                        }
                        hooks.beforeStep().run(model, step);
                        trainer.step();
                        zeros.reapply();
                        hooks.afterStep().run(model, step++);
                    } catch (RuntimeException e) {
                        // a hook may fail on weights a non-finite loss already spoilt: say that,
                        // not the symptom
                        if (!(e instanceof TrainingDivergedException)) {
                            checkFinite(tally, model, epoch, b + 1, e);
                        }
                        throw e;
                    }
                    long now = System.nanoTime();
                    boolean report = progress.wantsBatches() && now - lastReport >= REPORT_NANOS;
                    if (tally.pending() >= CHECK_EVERY || report || b + 1 == batchesPerEpoch) {
                        checkFinite(tally, model, epoch, b + 1, null);
                    }
                    if (report || progress.wantsBatches() && b + 1 == batchesPerEpoch) {
                        lastReport = now;
                        progress.batchFinished(
                                b + 1,
                                tally.lossSum() / to,
                                tally.right() / (double) to,
                                to / Math.max((now - t0) / 1e9, 1e-9));
                    }
                }
                tally.close();
                long right = tally.right();
                double lossSum = tally.lossSum();
                double secs = (System.nanoTime() - t0) / 1e9;
                double val =
                        validation.size() > 0
                                ? evaluator
                                        .evaluate(model, validation, mean, std)
                                        .accuracy()
                                        .value()
                                : Double.NaN;
                EpochStats stats =
                        new EpochStats(epoch, lossSum / n, (double) right / n, val, n / secs, secs);
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

    /**
     * Reads the tally's pending batches and throws {@link TrainingDivergedException} naming the
     * first batch whose loss was not finite. {@code failure}, if any, is what batch {@code seenAt}
     * threw: it becomes the cause, or, when every loss was finite, is left for the caller to
     * rethrow.
     */
    private void checkFinite(
            Tally tally, FrontierModel model, int epoch, int seenAt, RuntimeException failure) {
        int bad;
        try {
            bad = tally.flush();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
            return;
        }
        if (bad == 0) {
            return;
        }
        String message =
                String.format(
                        Locale.ROOT,
                        "%s: loss became %s at epoch %d, batch %d (lr %s, %s). Lower the "
                                + "learning rate or check the data.",
                        model.spec().name(),
                        tally.badLoss(),
                        epoch,
                        bad,
                        config.lr(),
                        config.optimizer());
        if (bad < seenAt) {
            message +=
                    String.format(
                            Locale.ROOT,
                            " (Seen at batch %d: losses are read from the device every %d batches.)",
                            seenAt,
                            CHECK_EVERY);
        }
        TrainingDivergedException e = new TrainingDivergedException(message);
        if (failure != null) {
            e.initCause(failure);
        }
        throw e;
    }

    /**
     * One epoch's batch losses and predicted classes, kept on the device and read a chunk at a time
     * (one host sync per chunk instead of one per batch). Read in batch order and summed exactly as
     * a per-batch read would, so the epoch's loss and accuracy do not depend on the chunking.
     */
    private static final class Tally implements AutoCloseable {
        private final DeviceBatches batches;
        private final int[] order;
        private final int batchSize;
        private final NDManager parent;
        private final List<NDArray> losses = new ArrayList<>();
        private final List<NDArray> predicted = new ArrayList<>();
        private NDManager scope;
        private int read;
        private double lossSum;
        private long right;
        private float badLoss;

        Tally(DeviceBatches batches, int[] order, int batchSize, NDManager parent) {
            this.batches = batches;
            this.order = order;
            this.batchSize = batchSize;
            this.parent = parent;
            this.scope = parent.newSubManager();
        }

        /** Keeps the next batch's loss (a scalar) and the arg-max class of its predictions. */
        void add(NDArray loss, NDArray logits) {
            if (loss.size() != 1) {
                throw new IllegalStateException(
                        "the training loss must be a scalar, got shape " + loss.getShape());
            }
            NDArray l = loss.stopGradient();
            l.attach(scope);
            losses.add(l);
            NDArray p = logits.argMax(1);
            p.attach(scope);
            predicted.add(p);
        }

        int pending() {
            return losses.size();
        }

        /**
         * Reads the pending batches into the sums; returns the 1-based batch (of the epoch) of the
         * first non-finite loss, or 0 if all were finite.
         */
        int flush() {
            if (losses.isEmpty()) {
                return 0;
            }
            float[] l = NDArrays.stack(new NDList(losses)).toFloatArray();
            long[] p = NDArrays.concat(new NDList(predicted)).toLongArray();
            losses.clear();
            predicted.clear();
            scope.close();
            scope = parent.newSubManager();
            int k = 0;
            for (float loss : l) {
                int b = read++;
                if (!Float.isFinite(loss)) {
                    badLoss = loss;
                    return b + 1;
                }
                int from = b * batchSize;
                int to = Math.min(order.length, from + batchSize);
                lossSum += loss * (to - from);
                for (int i = from; i < to; i++) {
                    if (p[k++] == batches.label(order[i])) {
                        right++;
                    }
                }
            }
            return 0;
        }

        double lossSum() {
            return lossSum;
        }

        long right() {
            return right;
        }

        float badLoss() {
            return badLoss;
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    private Optimizer optimizer(int totalSteps, int batchesPerEpoch) {
        float lr = (float) config.lr();
        Tracker tracker;
        switch (config.schedule()) {
            case COSINE:
                tracker =
                        Tracker.cosine()
                                .setBaseValue(lr)
                                .optFinalValue(lr * 0.01f)
                                .setMaxUpdates(totalSteps)
                                .build();
                break;
            case STEP:
                List<Integer> steps = new ArrayList<>();
                for (int e = config.stepEpochs(); e < config.epochs(); e += config.stepEpochs()) {
                    steps.add(e * batchesPerEpoch);
                }
                tracker =
                        steps.isEmpty()
                                ? Tracker.fixed(lr)
                                : Tracker.multiFactor()
                                        .setBaseValue(lr)
                                        .setSteps(
                                                steps.stream()
                                                        .mapToInt(Integer::intValue)
                                                        .toArray())
                                        .optFactor((float) config.stepGamma())
                                        .build();
                break;
            default:
                tracker = Tracker.fixed(lr);
        }
        float wd = (float) config.weightDecay();
        if (config.optimizer() == TrainConfig.Optimizer.SGD) {
            return Optimizer.sgd()
                    .setLearningRateTracker(tracker)
                    .optMomentum((float) config.momentum())
                    .optWeightDecays(wd)
                    .build();
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
