package dev.frontier.cli;

import dev.frontier.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training hyper-parameters as command-line options. */
public final class TrainOptions {
    @Option(
            names = "--epochs",
            defaultValue = "3",
            description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "128",
            description = "batch size (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(
            names = "--optimizer",
            defaultValue = "adam",
            description = "adam | sgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(
            names = "--lr",
            defaultValue = "1e-3",
            description = "learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(
            names = "--momentum",
            defaultValue = "0.9",
            description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            description = "weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(
            names = "--schedule",
            defaultValue = "none",
            description = "none | cosine | step (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--step-epochs", defaultValue = "3", description = "epochs between step decays")
    int stepEpochs;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description = "early stopping: epochs without validation gain (0 = off)")
    int patience;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of initialization and shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    /** The training configuration; unknown names are input errors. */
    public TrainConfig config() {
        TrainConfig.Optimizer opt =
                Enums.parse(TrainConfig.Optimizer.class, optimizer, "--optimizer");
        TrainConfig.Schedule sched =
                Enums.parse(TrainConfig.Schedule.class, schedule, "--schedule");
        return UserInputException.check(
                "training options",
                () ->
                        new TrainConfig(
                                opt,
                                lr,
                                momentum,
                                weightDecay,
                                sched,
                                stepEpochs,
                                0.1,
                                epochs,
                                batchSize,
                                seed,
                                patience));
    }
}
