package dev.frontier.cli;

import ai.djl.Device;
import dev.frontier.data.DataSplits;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code frontier train}: trains a zoo model, reports test accuracy with its interval, saves a
 * checkpoint.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Train a zoo model on a dataset, evaluate it on the test split and save a checkpoint.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "mlp | lenet5 | cnn | resnet8")
    String model;

    @Option(
            names = "--width",
            defaultValue = "1.0",
            description = "width multiplier (default: ${DEFAULT-VALUE})")
    double width;

    @Option(names = "--out", description = "checkpoint file (default: runs/train/<model>.ckpt)")
    Path out;

    @Mixin TrainOptions train;

    @Mixin DataOptions data;

    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        TrainConfig config = train.config();
        DataSplits d = data.load();
        ModelSpec spec =
                UserInputException.check(
                        "--model/--width",
                        () ->
                                new ModelSpec(
                                        model,
                                        width,
                                        d.train().channels(),
                                        d.train().rows(),
                                        d.train().cols(),
                                        d.train().numClasses(),
                                        java.util.List.of()));
        Device device = engine.start();
        try (FrontierModel m = FrontierModel.create(spec, device, config.seed())) {
            System.out.printf(
                    Locale.ROOT,
                    "model: %s (%,d parameters) on %s%n",
                    spec.canonical(),
                    m.parameterCount(),
                    device);
            TrainingReport r =
                    new TrainingLoop(
                                    config,
                                    TrainingHooks.standard(),
                                    TrainingProgress.forConsole(System.out, model))
                            .train(m, d.train(), d.validation(), d.mean(), d.std());
            Evaluation e = new Evaluator(1000).evaluate(m, d.test(), d.mean(), d.std());
            System.out.printf(
                    Locale.ROOT,
                    "trained %d epoch(s) in %.1fs (%.0f img/s), kept epoch %d%s%n",
                    r.epochs().size(),
                    r.seconds(),
                    r.imagesPerSecond(),
                    r.bestEpoch(),
                    r.stoppedEarly() ? " (early stop)" : "");
            System.out.printf(
                    Locale.ROOT,
                    "test accuracy: %s (95%% Wilson CI) on %d images%n",
                    e.accuracy(),
                    d.test().size());
            Path file = out != null ? out : Path.of("runs", "train", model + ".ckpt");
            Checkpoint.save(m, file);
            System.out.println("checkpoint: " + file);
        }
        return 0;
    }
}
