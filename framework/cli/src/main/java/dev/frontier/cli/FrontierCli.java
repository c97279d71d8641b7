package dev.frontier.cli;

import dev.frontier.data.DataException;
import dev.frontier.engine.ProcessLog;
import dev.frontier.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ./frontier}. Exit codes: 0 success, 2 invalid input (arguments,
 * configuration, data: one line saying what and where), 1 any other failure (one line, the stack
 * trace in the process's log file).
 */
@Command(
        name = "frontier",
        mixinStandardHelpOptions = true,
        versionProvider = FrontierCli.Version.class,
        description =
                "Model-compression experiments on the JVM: train, compress, measure, find the Pareto frontier.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            UiCommand.class,
            SyncCommand.class,
            ReportCommand.class,
            RegisterCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            SensitivityCommand.class,
            DataCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FrontierCli implements Runnable {
    /** Exit code for invalid input. */
    public static final int USAGE = 2;

    /** Exit code for a failure of Frontier (the stack trace is in the process's log file). */
    public static final int INTERNAL = 1;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
        System.exit(execute(commandLine(), args));
    }

    /**
     * Runs {@code args} on {@code cl} and returns the exit code; first points engine logs at this
     * process's log file ({@link ProcessLog}), before anything loads an engine.
     */
    static int execute(CommandLine cl, String... args) {
        ProcessLog.configure();
        try {
            return cl.execute(args);
        } catch (Error e) { // picocli passes errors on: out of memory, native libraries that do
            // not load
            CommandLine.ParseResult p = cl.getParseResult();
            while (p != null && p.hasSubcommand()) {
                p = p.subcommand();
            }
            return failed(e, p == null ? cl : p.commandSpec().commandLine(), List.of(args));
        }
    }

    /**
     * Whether {@code e} is the user's to fix (arguments, sweep file, data), by its family:
     * everything else, an {@link IllegalArgumentException} thrown inside the engine included, is a
     * failure of Frontier.
     */
    static boolean isUserError(Throwable e) {
        return e instanceof UserInputException
                || e instanceof SpecException
                || e instanceof DataException
                || e instanceof CommandLine.ParameterException
                || e instanceof dev.frontier.exec.store.RunFolderBusyException
                || e instanceof dev.frontier.zoo.UserModelException;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (isUserError(e)) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        return failed(e, cl, parsed.originalArgs());
    }

    /**
     * An internal failure: one line on {@code cl}'s standard error, the stack trace in the
     * process's log.
     */
    private static int failed(Throwable e, CommandLine cl, List<String> args) {
        PrintWriter err = cl.getErr();
        String what = cl.getCommandSpec().qualifiedName() + " failed: " + summary(e);
        Optional<Path> log = ProcessLog.configure();
        if (log.isPresent()) {
            LoggerFactory.getLogger(FrontierCli.class).error("{} (arguments: {})", what, args, e);
            err.println(what + " (stack trace in " + log.get() + ")");
        } else {
            err.println(what);
            e.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    /** The exception's type and the first line of its message. */
    static String summary(Throwable e) {
        String m = e.getMessage();
        String first =
                m == null || m.isBlank() ? "" : ": " + m.strip().lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + first;
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
