package dev.frontier.exec.worker;

import java.util.Locale;
import java.util.Optional;

/**
 * The line protocol between a sweep and its {@link StageWorker} processes, as types: the sweep
 * sends {@link Request}s on the worker's standard input, the worker answers {@link Reply}s on its
 * standard output, one line each. Anything that speaks it against the shared run directory can run
 * stages (the seam for a cluster engine).
 */
public final class WorkerProtocol {
    private WorkerProtocol() {}

    /** What the sweep asks of a worker. */
    sealed interface Request permits Run, Exit {
        /** The request as one line. */
        String line();

        /** The request a line holds, or empty when it is not one. */
        static Optional<Request> parse(String line) {
            if (line.equals("EXIT")) {
                return Optional.of(new Exit());
            }
            if (line.startsWith("RUN ") && !line.substring(4).isBlank()) {
                return Optional.of(new Run(line.substring(4).trim()));
            }
            return Optional.empty();
        }
    }

    /** Run the stage with this key (its ancestors are done) and commit it to the run directory. */
    record Run(String stageKey) implements Request {
        @Override
        public String line() {
            return "RUN " + stageKey;
        }
    }

    /** End the worker process. */
    record Exit() implements Request {
        @Override
        public String line() {
            return "EXIT";
        }
    }

    /** What a worker answers. */
    sealed interface Reply permits Ready, Done, Failed {
        /** The reply as one line. */
        String line();

        /**
         * The reply a line holds; a line that is none (a library printing on standard output, a
         * crash mid-line) is a {@link Failed} reply saying so.
         */
        static Reply parse(String line) {
            if (line.equals("READY")) {
                return new Ready();
            }
            String[] p = line.split(" ", 3);
            try {
                if (p[0].equals("OK") && p.length == 3) {
                    return new Done(p[1], Double.parseDouble(p[2]));
                }
            } catch (NumberFormatException e) {
                // falls through: not a reply
            }
            if (p[0].equals("ERR") && p.length == 3) {
                return new Failed(p[1], p[2]);
            }
            return new Failed("?", "unexpected line from the worker: " + line);
        }
    }

    /** The worker has loaded the sweep, its data and the engine, and takes requests. */
    record Ready() implements Reply {
        @Override
        public String line() {
            return "READY";
        }
    }

    /** The stage is committed; the worker's resident memory afterwards. */
    record Done(String stageKey, double rssMb) implements Reply {
        @Override
        public String line() {
            return String.format(Locale.ROOT, "OK %s %.1f", stageKey, rssMb);
        }
    }

    /** The stage failed, or the request could not be served; the reason on one line. */
    record Failed(String stageKey, String reason) implements Reply {
        @Override
        public String line() {
            return "ERR " + stageKey + " " + reason.replace('\n', ' ').replace('\r', ' ');
        }
    }
}
