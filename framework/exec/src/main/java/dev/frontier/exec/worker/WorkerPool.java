package dev.frontier.exec.worker;

import dev.frontier.engine.ProcessLog;
import dev.frontier.exec.store.StageStore;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the missing stages of a plan in parallel on worker processes ({@link StageWorker}), one JVM
 * each, respecting the tree (a stage starts when its parent is done). Workers are recycled after a
 * bounded number of stages, so per-process native leftovers (DJL keeps optimizer state) cannot grow
 * without bound. Measurement is not done here: it runs afterwards, one trial at a time, so timings
 * are not disturbed by concurrent training.
 */
public final class WorkerPool {
    private final int workers;
    private final int stagesPerWorker;
    private final PrintStream log;
    private final List<double[]> rssLog = new ArrayList<>();

    private final int threadsPerWorker;
    private final java.time.Duration stageTimeout;

    private final WorkerProcesses live;

    /** What the pool did: stages that failed (key to reason) and stages finished on workers. */
    public record Outcome(Map<String, String> failed, Set<String> done) {}

    public WorkerPool(
            int workers,
            int stagesPerWorker,
            int threadsPerWorker,
            java.time.Duration stageTimeout,
            PrintStream log,
            WorkerProcesses live) {
        this.live = live;
        this.threadsPerWorker = threadsPerWorker;
        this.stageTimeout = stageTimeout;
        if (workers < 1 || stagesPerWorker < 1) {
            throw new IllegalArgumentException("need workers >= 1 and stagesPerWorker >= 1");
        }
        this.workers = workers;
        this.stagesPerWorker = stagesPerWorker;
        this.log = log;
    }

    /**
     * Resident memory (MB) a worker reported after each stage, in completion order: {stage number,
     * rss}.
     */
    public List<double[]> rssLog() {
        synchronized (rssLog) {
            return List.copyOf(rssLog);
        }
    }

    /** Runs every stage of {@code plan} not reusable from {@code store}. */
    public Outcome run(Plan plan, StageStore store) throws InterruptedException {
        Set<String> all = new HashSet<>();
        plan.stages().forEach(s -> all.add(s.key()));
        return run(plan, store, all);
    }

    /**
     * Runs every stage of {@code plan} in {@code needed} not reusable from {@code store}; stages no
     * unfinished trial passes through are left alone (not even checked).
     */
    public Outcome run(Plan plan, StageStore store, Set<String> needed)
            throws InterruptedException {
        List<Stage> todo = new ArrayList<>();
        for (Stage s : plan.stages()) { // parents come before children
            if (!s.kind().equals(StageKind.MEASURE)
                    && needed.contains(s.key())
                    && !store.reusable(s.key())) {
                todo.add(s);
            }
        }
        Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
        Set<String> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
        if (todo.isEmpty()) {
            return new Outcome(failed, done);
        }
        log.printf(
                "training %d stage(s) on %d worker process(es), %d thread(s) each; measuring afterwards, one trial at"
                        + " a time%n",
                todo.size(), workers, threadsPerWorker);
        Set<String> started = new HashSet<>();
        LinkedBlockingQueue<String> finished = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Job> ready = new LinkedBlockingQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int id = w + 1;
            futures.add(
                    threads.submit(
                            () -> {
                                serve(id, store.root(), ready, finished, done, failed);
                                return null;
                            }));
        }
        int remaining = todo.size();
        try {
            while (remaining > 0) {
                for (Stage s : todo) {
                    if (started.contains(s.key())) {
                        continue;
                    }
                    boolean parentOk =
                            s.parentKey().map(p -> store.has(p) || done.contains(p)).orElse(true);
                    boolean parentFailed = s.parentKey().map(failed::containsKey).orElse(false);
                    if (parentFailed) {
                        started.add(s.key());
                        failed.put(s.key(), failed.get(s.parentKey().get()));
                        remaining--;
                    } else if (parentOk) {
                        started.add(s.key());
                        ready.add(new Work(s));
                    }
                }
                if (remaining > 0) {
                    String key = finished.poll(1, TimeUnit.SECONDS);
                    if (key != null) {
                        remaining--;
                    }
                    if (futures.stream().allMatch(Future::isDone) && key == null) {
                        throw new IllegalStateException(
                                "all workers ended with stages left; see "
                                        + store.root().resolve("workers"));
                    }
                }
            }
        } finally {
            for (int w = 0; w < workers; w++) {
                ready.add(new NoMoreWork());
            }
            threads.shutdown();
            threads.awaitTermination(1, TimeUnit.MINUTES);
        }
        return new Outcome(failed, done);
    }

    /** What a worker slot takes next: a stage to run, or the end of the work. */
    private sealed interface Job permits Work, NoMoreWork {}

    private record Work(Stage stage) implements Job {}

    private record NoMoreWork() implements Job {}

    /**
     * What the sweep heard from a worker after a request: a reply, nothing (it died), or nothing in
     * time.
     */
    private sealed interface Heard permits Said, Died, TimedOut {}

    private record Said(WorkerProtocol.Reply reply) implements Heard {}

    private record Died() implements Heard {}

    private record TimedOut() implements Heard {}

    /**
     * One worker slot: starts a worker process, feeds it stages, recycles it after {@code
     * stagesPerWorker}.
     */
    private void serve(
            int id,
            Path runDir,
            LinkedBlockingQueue<Job> ready,
            LinkedBlockingQueue<String> finished,
            Set<String> done,
            Map<String, String> failed)
            throws IOException, InterruptedException {
        Process p = null;
        BufferedReader in = null;
        PrintWriter out = null;
        int served = 0;
        try {
            while (ready.take() instanceof Work work) {
                Stage s = work.stage();
                if (p == null || served >= stagesPerWorker || !p.isAlive()) {
                    stop(p, out);
                    p = start(id, runDir, threadsPerWorker);
                    live.add(p);
                    in =
                            new BufferedReader(
                                    new InputStreamReader(
                                            p.getInputStream(), StandardCharsets.UTF_8));
                    out = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
                    String hello = in.readLine();
                    if (hello == null
                            || !(WorkerProtocol.Reply.parse(hello)
                                    instanceof WorkerProtocol.Ready)) {
                        failed.put(
                                s.key(),
                                "worker "
                                        + id
                                        + " did not start ("
                                        + (hello == null ? "no answer, exit " + exit(p) : hello)
                                        + "); see its log in "
                                        + runDir.resolve("workers"));
                        finished.add(s.key());
                        stop(p, out);
                        p = null;
                        continue;
                    }
                    served = 0;
                }
                log.printf("  stage %s [%s] on worker %d ...%n", s.label(), s.key(), id);
                out.println(new WorkerProtocol.Run(s.key()).line());
                Heard heard = listen(in);
                served++;
                String kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
                if (heard instanceof Said said
                        && said.reply() instanceof WorkerProtocol.Done d
                        && d.stageKey().equals(s.key())) {
                    synchronized (rssLog) {
                        rssLog.add(new double[] {rssLog.size() + 1, d.rssMb()});
                    }
                    done.add(s.key());
                } else if (heard instanceof Said said
                        && said.reply() instanceof WorkerProtocol.Failed f) {
                    failed.put(s.key(), kind + " stage failed: " + f.reason());
                } else if (heard instanceof Said said) {
                    failed.put(
                            s.key(),
                            kind
                                    + " stage failed: the worker answered '"
                                    + said.reply().line()
                                    + "' to "
                                    + new WorkerProtocol.Run(s.key()).line());
                } else if (heard instanceof TimedOut) {
                    failed.put(
                            s.key(),
                            kind
                                    + " stage timed out after "
                                    + stageTimeout.toSeconds()
                                    + "s (worker "
                                    + id
                                    + " stopped)");
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    live.remove(p);
                    p = null;
                } else { // Died
                    failed.put(
                            s.key(),
                            kind + " stage failed: worker " + id + " died (exit " + exit(p) + ")");
                    live.remove(p);
                    p = null;
                }
                finished.add(s.key());
            }
        } finally {
            stop(p, out);
        }
    }

    /** The worker's next reply; {@link TimedOut} when the stage time-out passes first. */
    private Heard listen(BufferedReader in) throws IOException, InterruptedException {
        if (stageTimeout.isZero()) {
            return heard(in.readLine());
        }
        java.util.concurrent.CompletableFuture<String> line =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return in.readLine();
                            } catch (IOException e) {
                                return null;
                            }
                        });
        try {
            return heard(line.get(stageTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            return new TimedOut();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private static Heard heard(String line) {
        return line == null ? new Died() : new Said(WorkerProtocol.Reply.parse(line));
    }

    private Process start(int id, Path runDir, int threads) throws IOException {
        Path logs = Files.createDirectories(runDir.resolve("workers"));
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
                                // log file (levels: simplelogger.properties)
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
        return new ProcessBuilder(cmd)
                .redirectError(
                        ProcessBuilder.Redirect.appendTo(
                                logs.resolve("worker-" + id + ".log").toFile()))
                .start();
    }

    private void stop(Process p, PrintWriter out) throws InterruptedException {
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

    /**
     * Workers for {@code parallelism} (0 = auto: cores divided by the threads each worker uses).
     */
    public static int workersFor(int parallelism, int threads) {
        if (parallelism > 0) {
            return parallelism;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, cores / Math.max(1, threads == 0 ? cores : threads));
    }
}
