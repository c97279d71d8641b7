package dev.frontier.train;

import java.util.Objects;

/**
 * How to train: optimizer, learning rate and schedule, weight decay, epochs, batch size, seed, and
 * early-stopping patience in epochs (0 = off).
 */
public record TrainConfig(
        Optimizer optimizer,
        double lr,
        double momentum,
        double weightDecay,
        Schedule schedule,
        int stepEpochs,
        double stepGamma,
        int epochs,
        int batchSize,
        long seed,
        int patience) {

    /** The optimizers Frontier supports. */
    public enum Optimizer {
        SGD,
        ADAM
    }

    /**
     * Learning-rate schedules: constant, cosine decay to zero over all steps, or step decay every
     * {@code stepEpochs}.
     */
    public enum Schedule {
        NONE,
        COSINE,
        STEP
    }

    public TrainConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0, got " + lr);
        }
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (epochs < 0 || batchSize < 1 || patience < 0 || stepEpochs < 1) {
            throw new IllegalArgumentException(
                    "need epochs >= 0, batchSize >= 1, patience >= 0, stepEpochs >= 1");
        }
        if (!(stepGamma > 0 && stepGamma <= 1)) {
            throw new IllegalArgumentException("stepGamma must be in (0, 1], got " + stepGamma);
        }
    }

    /** Adam at 1e-3, no schedule, no weight decay, batch 128, seed 42, no early stopping. */
    public static TrainConfig adam(int epochs) {
        return new TrainConfig(
                Optimizer.ADAM, 1e-3, 0.9, 0, Schedule.NONE, 1, 0.1, epochs, 128, 42, 0);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                stepEpochs,
                stepGamma,
                e,
                batchSize,
                seed,
                patience);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                stepEpochs,
                stepGamma,
                epochs,
                batchSize,
                s,
                patience);
    }

    public TrainConfig withLr(double l) {
        return new TrainConfig(
                optimizer,
                l,
                momentum,
                weightDecay,
                schedule,
                stepEpochs,
                stepGamma,
                epochs,
                batchSize,
                seed,
                patience);
    }

    public TrainConfig withSchedule(Schedule s) {
        return new TrainConfig(
                optimizer,
                lr,
                momentum,
                weightDecay,
                s,
                stepEpochs,
                stepGamma,
                epochs,
                batchSize,
                seed,
                patience);
    }

    public TrainConfig withBatchSize(int b) {
        return new TrainConfig(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                stepEpochs,
                stepGamma,
                epochs,
                b,
                seed,
                patience);
    }

    public TrainConfig withPatience(int p) {
        return new TrainConfig(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                stepEpochs,
                stepGamma,
                epochs,
                batchSize,
                seed,
                p);
    }

    public TrainConfig withOptimizer(Optimizer o, double mom, double wd) {
        return new TrainConfig(
                o, lr, mom, wd, schedule, stepEpochs, stepGamma, epochs, batchSize, seed, patience);
    }
}
