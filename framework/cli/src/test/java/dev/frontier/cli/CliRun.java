package dev.frontier.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in this JVM, capturing what it prints. */
record CliRun(int code, String text) {

    /** Runs {@code frontier args...}; {@code text} is stdout followed by stderr. */
    static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(out, true));
        StringWriter err = new StringWriter();
        try {
            CommandLine cl = FrontierCli.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.getSubcommands().values().forEach(sub -> sub.setErr(new PrintWriter(err, true)));
            int code = cl.execute(args);
            return new CliRun(code, out + err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
