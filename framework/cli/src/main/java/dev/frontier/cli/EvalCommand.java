package dev.frontier.cli;

import ai.djl.Device;
import dev.frontier.data.DataSplits;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code frontier eval}: evaluates a checkpoint on a test split. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Evaluate a checkpoint: accuracy with its 95%% interval, per-class accuracy, confusion matrix.")
public final class EvalCommand implements Callable<Integer> {
    @Option(
            names = "--checkpoint",
            required = true,
            description = "a file written by 'frontier train'")
    Path checkpoint;

    @Option(
            names = "--model",
            description = "expected model name: a checkpoint of another architecture is refused")
    String model;

    @Option(
            names = "--width",
            defaultValue = "1.0",
            description = "expected width multiplier (with --model)")
    double width;

    @Mixin DataOptions data;

    @Mixin EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(checkpoint)) {
            throw new UserInputException(
                    "--checkpoint "
                            + checkpoint
                            + ": no such file (train one with 'frontier train')");
        }
        Optional<ModelSpec> expected =
                UserInputException.check(
                        "--model/--width",
                        () -> Optional.ofNullable(model).map(n -> ModelSpec.of(n, width)));
        DataSplits d = data.load();
        Device device = engine.start();
        try (FrontierModel m = load(device, expected)) {
            System.out.println("model: " + m.spec().canonical());
            System.out.print(new Evaluator(1000).evaluate(m, d.test(), d.mean(), d.std()).render());
        }
        return 0;
    }

    private FrontierModel load(Device device, Optional<ModelSpec> expected) {
        try {
            return Checkpoint.load(checkpoint, device, expected);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--model: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserInputException("--checkpoint " + e.getMessage());
        }
    }
}
