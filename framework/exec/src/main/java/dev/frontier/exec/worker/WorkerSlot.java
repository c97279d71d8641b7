package dev.frontier.exec.worker;

import dev.frontier.engine.ProcessLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link StageWorker} process at a time for one run folder, started on first use and replaced
 * by a fresh one after {@code stagesPerWorker} stages (or when it died): DJL keeps optimizer state
 * after training (~13 MB per trained configuration), so a process's native leftovers stay bounded.
 * The local {@link WorkerPool} keeps one slot per worker; a Spark executor keeps its own, so the
 * same bound holds there. The worker is a child of this process and ends itself when this process
 * is gone. Not thread-safe: one stage at a time.
 */
public final class WorkerSlot implements AutoCloseable {
    /** Stages a worker process runs before it is replaced (the one default, local and Spark). */
    public static final int DEFAULT_STAGES_PER_WORKER = 20;

    private final Path runDir;
    private final int threads;
    private final int stagesPerWorker;
    private final Duration stageTimeout;
    private final ProcessBuilder.Redirect stderr;
    private final WorkerProcesses live;

    private Process process;
    private BufferedReader in;
    private PrintWriter out;
    private int served;

    /**
     * A slot whose workers run stages of {@code runDir} with {@code threads} intra-op threads, each
     * recycled after {@code stagesPerWorker} stages; a stage running longer than {@code
     * stageTimeout} (zero: no limit) has its worker killed. Workers write their log to {@code
     * stderr} and are registered in {@code live} while they run.
     */
    public WorkerSlot(
            Path runDir,
            int threads,
            int stagesPerWorker,
            Duration stageTimeout,
            ProcessBuilder.Redirect stderr,
            WorkerProcesses live) {
        if (stagesPerWorker < 1) {
            throw new IllegalArgumentException(
                    "stages per worker must be >= 1, got " + stagesPerWorker);
        }
        this.runDir = runDir;
        this.threads = threads;
        this.stagesPerWorker = stagesPerWorker;
        this.stageTimeout = stageTimeout;
        this.stderr = stderr;
        this.live = live;
    }

    /** What became of a stage handed to the slot. */
    public sealed interface Answer permits Done, Failed, NotStarted, TimedOut, Died {}

    /**
     * The worker committed the stage.
     *
     * @param pid the worker process that ran it
     * @param nth which stage of that process it was (1 = its first)
     * @param rssMb the worker's resident memory afterwards
     */
    public record Done(long pid, int nth, double rssMb) implements Answer {}

    /** The worker answered with a failure, or with a line that is no answer to the request. */
    public record Failed(String reason) implements Answer {}

    /** A fresh worker did not say it was ready: what it said instead, or its exit status. */
    public record NotStarted(String what) implements Answer {}

    /** The stage time-out passed; the worker was killed. */
    public record TimedOut() implements Answer {}

    /** The worker ended without answering. */
    public record Died(String exit) implements Answer {}

    /**
     * Runs the stage {@code key} (its ancestors are in the store) on the slot's worker, starting a
     * fresh one first when there is none, it has ended, or it has served {@code stagesPerWorker}
     * stages.
     */
    public Answer run(String key) throws IOException, InterruptedException {
        if (process == null || served >= stagesPerWorker || !process.isAlive()) {
            stop();
            process = start();
            live.add(process);
            in =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            String hello = in.readLine();
            if (hello == null
                    || !(WorkerProtocol.Reply.parse(hello) instanceof WorkerProtocol.Ready)) {
                String what = hello == null ? "no answer, exit " + exit(process) : hello;
                stop();
                return new NotStarted(what);
            }
            served = 0;
        }
        WorkerProtocol.Run request = new WorkerProtocol.Run(key);
        out.println(request.line());
        Heard heard = listen();
        served++;
        if (heard instanceof Ended) {
            Died died = new Died(exit(process));
            live.remove(process);
            process = null;
            return died;
        }
        if (heard instanceof Late) {
            kill();
            return new TimedOut();
        }
        WorkerProtocol.Reply reply = WorkerProtocol.Reply.parse(((Said) heard).line());
        if (reply instanceof WorkerProtocol.Done d && d.stageKey().equals(key)) {
            return new Done(process.pid(), served, d.rssMb());
        }
        if (reply instanceof WorkerProtocol.Failed f) {
            return new Failed(f.reason());
        }
        return new Failed("the worker answered '" + reply.line() + "' to " + request.line());
    }

    /** Asks the worker to end (killed after 30 s); the next {@link #run} starts a fresh one. */
    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Kills the worker and its process tree at once (a task that was abandoned mid-stage). */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            live.remove(process);
            process = null;
        }
    }

    /**
     * What the slot heard after a request: a line, nothing (the worker died), or nothing in time.
     */
    private sealed interface Heard permits Said, Ended, Late {}

    private record Said(String line) implements Heard {}

    private record Ended() implements Heard {}

    private record Late() implements Heard {}

    /** The worker's next line, or why there is none. */
    private Heard listen() throws IOException, InterruptedException {
        if (stageTimeout.isZero()) {
            return heard(in.readLine());
        }
        BufferedReader reader = in;
        CompletableFuture<String> line =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return reader.readLine();
                            } catch (IOException e) {
                                return null;
                            }
                        });
        try {
            return heard(line.get(stageTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Late();
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static Heard heard(String line) {
        return line == null ? new Ended() : new Said(line);
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"),
                                "-Djava.awt.headless=true",
                                // engine warnings go to the worker's standard error, which is its
                                // log (levels: simplelogger.properties)
                                "-D" + ProcessLog.LOG_FILE_PROPERTY + "=System.err",
                                "-Dfrontier.threads=" + threads,
                                // the worker ends itself when this process is gone (even after kill
                                // -9)
                                "-D"
                                        + StageWorker.PARENT_PROPERTY
                                        + "="
                                        + ProcessHandle.current().pid()));
        String dataDir = System.getProperty(dev.frontier.data.DataLocator.DATA_DIR_PROPERTY);
        if (dataDir != null) { // --data-dir reaches the workers too
            cmd.add("-D" + dev.frontier.data.DataLocator.DATA_DIR_PROPERTY + "=" + dataDir);
        }
        if (System.getProperty("frontier.repo") != null) {
            cmd.add("-Dfrontier.repo=" + System.getProperty("frontier.repo"));
        }
        cmd.add(StageWorker.class.getName());
        cmd.add(runDir.toString());
        return new ProcessBuilder(cmd).redirectError(stderr).start();
    }

    private void stop() throws InterruptedException {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        if (out != null) {
            out.println(new WorkerProtocol.Exit().line());
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        live.remove(p);
    }

    private static String exit(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
