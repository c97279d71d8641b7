package dev.frontier.exec.worker;

import dev.frontier.exec.store.StageStore;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.IOException;
import java.io.PrintStream;
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
     * One worker slot: feeds stages to its {@link WorkerSlot}, which starts a worker process and
     * recycles it after {@code stagesPerWorker}.
     */
    private void serve(
            int id,
            Path runDir,
            LinkedBlockingQueue<Job> ready,
            LinkedBlockingQueue<String> finished,
            Set<String> done,
            Map<String, String> failed)
            throws IOException, InterruptedException {
        Path logs = Files.createDirectories(runDir.resolve("workers"));
        try (WorkerSlot slot =
                new WorkerSlot(
                        runDir,
                        threadsPerWorker,
                        stagesPerWorker,
                        stageTimeout,
                        ProcessBuilder.Redirect.appendTo(
                                logs.resolve("worker-" + id + ".log").toFile()),
                        live)) {
            while (ready.take() instanceof Work work) {
                Stage s = work.stage();
                log.printf("  stage %s [%s] on worker %d ...%n", s.label(), s.key(), id);
                WorkerSlot.Answer answer = slot.run(s.key());
                String kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
                if (answer instanceof WorkerSlot.Done d) {
                    synchronized (rssLog) {
                        rssLog.add(new double[] {rssLog.size() + 1, d.rssMb()});
                    }
                    done.add(s.key());
                } else if (answer instanceof WorkerSlot.Failed f) {
                    failed.put(s.key(), kind + " stage failed: " + f.reason());
                } else if (answer instanceof WorkerSlot.NotStarted n) {
                    failed.put(
                            s.key(),
                            "worker "
                                    + id
                                    + " did not start ("
                                    + n.what()
                                    + "); see its log in "
                                    + logs);
                } else if (answer instanceof WorkerSlot.TimedOut) {
                    failed.put(
                            s.key(),
                            kind
                                    + " stage timed out after "
                                    + stageTimeout.toSeconds()
                                    + "s (worker "
                                    + id
                                    + " stopped)");
                } else if (answer instanceof WorkerSlot.Died d) {
                    failed.put(
                            s.key(),
                            kind + " stage failed: worker " + id + " died (exit " + d.exit() + ")");
                }
                finished.add(s.key());
            }
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
