package dev.frontier.spec;

/** Adjusts a {@link Training} in {@link SweepBuilder#training} and {@link SweepBuilder#teacher}. */
public final class TrainingBuilder {

    private Training.Optimizer optimizer;
    private double lr;
    private double momentum;
    private double weightDecay;
    private Training.LrSchedule schedule;
    private int epochs;
    private int batchSize;
    private int patience;
    private java.util.Optional<java.nio.file.Path> pretrained;

    TrainingBuilder(Training start) {
        optimizer = start.optimizer();
        lr = start.lr();
        momentum = start.momentum();
        weightDecay = start.weightDecay();
        schedule = start.schedule();
        epochs = start.epochs();
        batchSize = start.batchSize();
        patience = start.patience();
        pretrained = start.pretrained();
    }

    /** sgd or adam. */
    public TrainingBuilder optimizer(Training.Optimizer value) {
        optimizer = value;
        return this;
    }

    /** Learning rate. */
    public TrainingBuilder lr(double value) {
        lr = value;
        return this;
    }

    /** Momentum (sgd) or beta1 (adam). */
    public TrainingBuilder momentum(double value) {
        momentum = value;
        return this;
    }

    /** L2 weight decay. */
    public TrainingBuilder weightDecay(double value) {
        weightDecay = value;
        return this;
    }

    /** Learning-rate schedule. */
    public TrainingBuilder schedule(Training.LrSchedule value) {
        schedule = value;
        return this;
    }

    /** Epochs. */
    public TrainingBuilder epochs(int value) {
        epochs = value;
        return this;
    }

    /** Batch size. */
    public TrainingBuilder batchSize(int value) {
        batchSize = value;
        return this;
    }

    /** Early-stopping patience, 0 to disable. */
    public TrainingBuilder patience(int value) {
        patience = value;
        return this;
    }

    /**
     * Loads the model's weights from a DJL parameter file ({@code .params}) or a Frontier
     * checkpoint instead of training it (the other settings still drive the passes that train).
     */
    public TrainingBuilder pretrained(java.nio.file.Path file) {
        pretrained = java.util.Optional.of(file.toAbsolutePath().normalize());
        return this;
    }

    Training build() {
        return new Training(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                epochs,
                batchSize,
                patience,
                pretrained);
    }
}
