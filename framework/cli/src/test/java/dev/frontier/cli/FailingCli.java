package dev.frontier.cli;

import dev.frontier.data.DataException;
import dev.frontier.spec.Problem;
import dev.frontier.spec.SpecException;
import dev.frontier.stats.Proportion;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Frontier's command line plus {@code throw KIND}, which fails the way KIND names; its main runs in
 * child JVMs.
 */
final class FailingCli {
    private FailingCli() {}

    /** {@code frontier throw KIND}: throws an exception of one family. */
    @Command(name = "throw")
    static final class Throw implements Callable<Integer> {
        @Parameters(arity = "1")
        String kind;

        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (kind.equals("linkage")) {
                throw new UnsatisfiedLinkError("no djl_torch in java.library.path");
            }
            throw switch (kind) {
                case "spec" ->
                        new SpecException(
                                Problem.at(
                                        "pipeline[0].prune.ratio", "must be in [0, 1), got 1.5"));
                case "data" -> new DataException("train-images-idx3-ubyte: checksum mismatch");
                case "user" -> new UserInputException("--epochs must be >= 1, got 0");
                case "parameter" ->
                        new CommandLine.ParameterException(
                                spec.commandLine(), "--ratio: not a number");
                // an IllegalArgumentException thrown inside the engine: a bug, not the user's input
                case "engine" ->
                        new IllegalStateException("unreachable: " + Proportion.wilson(5, 3));
                case "state" -> new IllegalStateException("the baseline could not be trained");
                case "io" -> new IOException("/tmp/run/stages: No space left on device");
                default -> new UnsupportedOperationException("no kind " + kind);
            };
        }
    }

    /** Frontier's command line with {@code throw} added. */
    static CommandLine commandLine() {
        CommandLine cl = FrontierCli.commandLine();
        cl.addSubcommand(new Throw());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(FrontierCli.execute(commandLine(), args));
    }
}
