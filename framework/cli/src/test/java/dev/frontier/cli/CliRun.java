package dev.frontier.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the CLI in this JVM, capturing what it prints. */
record CliRun(int code, String text) {

    /** Runs {@code frontier args...}; {@code text} is stdout followed by stderr. */
    static CliRun of(String... args) {
        return of(FrontierCli::commandLine, args);
    }

    /**
     * Runs {@code args} on the command line {@code cli} makes (Frontier's, maybe with commands a
     * test adds).
     */
    static CliRun of(Supplier<CommandLine> cli, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(out, true));
        StringWriter err = new StringWriter();
        try {
            CommandLine cl = cli.get(); // made here, so its default streams are the captured ones
            cl.setErr(new PrintWriter(err, true));
            cl.getSubcommands().values().forEach(sub -> sub.setErr(new PrintWriter(err, true)));
            int code = FrontierCli.execute(cl, args);
            return new CliRun(code, out + err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
