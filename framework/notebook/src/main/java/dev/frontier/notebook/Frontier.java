package dev.frontier.notebook;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The front door for notebooks and Java code: {@code Frontier.run(sweep)} runs a sweep exactly as
 * {@code frontier run} does (plan, stages, measurement, frontier, report, MLflow) and returns its
 * result; {@code Frontier.options()} changes what a run prints, how long latency is measured and
 * where its run folder is:
 *
 * <pre>{@code
 * SweepResult result = Frontier.run(sweep);
 * SweepResult quick = Frontier.options().quickLatency(true).epochLines(true).run(sweep);
 * }</pre>
 *
 * <p>Progress (stages, one line per measured trial with an ETA) goes to standard output, which a
 * notebook shows live under the cell.
 */
public final class Frontier {
    private Frontier() {}

    /** Runs {@code sweep} with the default options into its {@code output} folder. */
    public static SweepResult run(Sweep sweep) {
        return options().run(sweep);
    }

    /**
     * The default options: standard latency measurement, no per-epoch lines, the sweep's output
     * folder.
     */
    public static Options options() {
        return new Options(false, false, Optional.empty(), System.out);
    }

    /**
     * How a sweep is run.
     *
     * @param quickLatency fewer latency repeats (a smoke run; the figures are noisier)
     * @param epochLines one line per training epoch
     * @param out the run folder instead of the sweep's {@code output}
     * @param log where progress goes
     */
    public record Options(
            boolean quickLatency, boolean epochLines, Optional<Path> out, PrintStream log) {
        public Options {
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(log, "log");
        }

        /** These options with quick (or standard) latency measurement. */
        public Options quickLatency(boolean quick) {
            return new Options(quick, epochLines, out, log);
        }

        /** These options with (or without) one line per training epoch. */
        public Options epochLines(boolean lines) {
            return new Options(quickLatency, lines, out, log);
        }

        /** These options with the run folder {@code folder}. */
        public Options out(Path folder) {
            return new Options(quickLatency, epochLines, Optional.of(folder), log);
        }

        /** These options printing progress to {@code stream}. */
        public Options log(PrintStream stream) {
            return new Options(quickLatency, epochLines, out, stream);
        }

        /**
         * Runs {@code sweep}; finished stages and trials in the run folder are reused.
         *
         * @throws UncheckedIOException when the run folder cannot be written or read
         */
        public SweepResult run(Sweep sweep) {
            BenchSettings bench = quickLatency ? BenchSettings.quick() : BenchSettings.standard();
            try {
                return new SweepRunner(log, epochLines, bench)
                        .run(sweep, out.orElseGet(() -> Path.of(sweep.output())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
