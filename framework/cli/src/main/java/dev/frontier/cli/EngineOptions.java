package dev.frontier.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.frontier.engine.DeviceChoice;
import dev.frontier.engine.EngineSetup;
import picocli.CommandLine.Option;

/** Device and thread options shared by the commands that run models. */
public final class EngineOptions {
    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto | cpu | gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "intra-op threads; 0 = PyTorch's default (all cores)")
    int threads;

    /** Starts the engine and resolves the device. */
    public Device start() {
        DeviceChoice choice =
                UserInputException.check("--device", () -> DeviceChoice.parse(device));
        Engine engine = EngineSetup.start(threads);
        return UserInputException.check("--device", () -> choice.resolve(engine));
    }
}
