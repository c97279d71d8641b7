package dev.frontier.cli;

import dev.frontier.data.DataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./frontier}. Exit codes: 0 success, 1 runtime failure, 2 invalid input
 * (arguments, configuration, data).
 */
@Command(name = "frontier", mixinStandardHelpOptions = true, versionProvider = FrontierCli.Version.class,
        description = "Model-compression experiments on the JVM: train, compress, measure, find the Pareto frontier.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, UiCommand.class, SyncCommand.class, ReportCommand.class, TrainCommand.class, EvalCommand.class, SensitivityCommand.class, DataCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class FrontierCli implements Runnable {
    /** Exit code for invalid input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with Frontier's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new FrontierCli());
        cl.setExecutionExceptionHandler(FrontierCli::handle);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof DataException || e instanceof IllegalArgumentException || e instanceof UserInputException) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        err.println("failed: " + e);
        if (System.getenv("FRONTIER_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("(set FRONTIER_DEBUG=1 for the stack trace)");
        }
        return 1;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FrontierCli.class.getPackage().getImplementationVersion();
            return new String[] {"frontier " + (v == null ? "dev" : v)};
        }
    }
}
