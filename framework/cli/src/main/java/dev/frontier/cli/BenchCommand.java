package dev.frontier.cli;

import picocli.CommandLine.Command;

/** {@code frontier bench}: benchmarks that print figures side by side (never timed assertions). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print figures measured side by side.",
        subcommands = {
            BenchTrainCommand.class,
            BenchMemoryCommand.class,
            BenchCompressCommand.class,
            BenchRuntimeCommand.class,
            BenchSearchCommand.class,
            BenchScaleCommand.class
        })
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
