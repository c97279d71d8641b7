package dev.frontier.exec.worker;

import dev.frontier.exec.measure.PeakMemory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A worker process of the executor: one JVM (so one DJL GradientCollector and its own native
 * memory) that runs stages of one sweep on request, speaking {@link WorkerProtocol} on
 * stdin/stdout; logs go to stderr. The protocol is the seam where a cluster engine can take over:
 * anything that runs a stage by key against the shared run directory will do.
 */
public final class StageWorker {
    /**
     * System property with the pid of the sweep's process: the worker ends itself when that process
     * is gone.
     */
    static final String PARENT_PROPERTY = "frontier.parent.pid";

    /** Exit status of a worker that ended because its sweep's process was gone. */
    static final int ORPHANED = 3;

    private StageWorker() {}

    /** {@code StageWorker <runDir>}: the run directory holds the canonical {@code sweep.yaml}. */
    public static void main(String[] args) throws Exception {
        java.util.function.BooleanSupplier parentAlive =
                watchParent(Long.getLong(PARENT_PROPERTY, -1));
        Path runDir = Path.of(args[0]);
        PrintStream out =
                new PrintStream(
                        new java.io.FileOutputStream(java.io.FileDescriptor.out),
                        true,
                        StandardCharsets.UTF_8);
        System.setOut(System.err); // everything else a library prints must not corrupt the protocol
        StageSession session =
                StageSession.open(
                        runDir, Integer.getInteger("frontier.threads", 0), parentAlive, System.err);
        out.println(new WorkerProtocol.Ready().line());
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            java.util.Optional<WorkerProtocol.Request> request = WorkerProtocol.Request.parse(line);
            if (request.isEmpty()) {
                out.println(new WorkerProtocol.Failed("?", "unknown request: " + line).line());
                continue;
            }
            if (request.get() instanceof WorkerProtocol.Exit) {
                break;
            }
            String key = ((WorkerProtocol.Run) request.get()).stageKey();
            try {
                session.run(key);
                out.println(new WorkerProtocol.Done(key, PeakMemory.rssMb()).line());
            } catch (Exception | OutOfMemoryError e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                out.println(new WorkerProtocol.Failed(key, m).line());
            }
        }
    }

    /**
     * Halts this process within a fraction of a second once {@code parentPid} has ended (the sweep
     * was killed, even by {@code kill -9}): an orphan must not keep training or write into the run
     * folder. Returns whether the parent is alive, for the last check before a stage is committed.
     */
    static java.util.function.BooleanSupplier watchParent(long parentPid) {
        if (parentPid <= 0) {
            return () -> true;
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        java.util.function.BooleanSupplier alive =
                () -> parent.map(ProcessHandle::isAlive).orElse(false);
        Thread watch =
                new Thread(
                        () -> {
                            while (alive.getAsBoolean()) {
                                try {
                                    Thread.sleep(200);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                            System.err.println(
                                    "worker: the sweep's process "
                                            + parentPid
                                            + " is gone; stopping");
                            Runtime.getRuntime().halt(ORPHANED);
                        },
                        "frontier-parent-watch");
        watch.setDaemon(true);
        watch.start();
        return alive;
    }
}
