package dev.frontier.spark;

import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.cluster.StageExecutor;
import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.worker.WorkerPool;
import dev.frontier.exec.worker.WorkerSlot;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a sweep's missing training stages on a Spark cluster: one Spark job per level of the stage
 * tree (a level's parents are all done when it starts), one task per stage, each task holding
 * {@code spark.task.cpus} = the stage's threads. A task hands its stage to a Frontier worker
 * process its executor keeps (the local workers' code, recycled after {@link #STAGES_PER_WORKER}
 * stages), which writes it into the shared run folder (content-addressed, checksummed, renamed into
 * place), so a task Spark runs again after an executor is lost finds or redoes the same stage; a
 * task Spark gives up on marks its level's stages failed (their trials are recorded FAILED, the
 * sweep goes on). Settings in {@link ExecutorSettings#conf()} (and {@code spark.*} system
 * properties) reach Spark unchanged: authentication and encryption are the cluster's, not weakened
 * here.
 */
public final class SparkStageExecutor implements StageExecutor {
    private final ExecutorSettings settings;
    private final int threadsPerStage;
    private final PrintStream log;
    private final List<StageResult> results = new ArrayList<>();

    /** How long a run waits for its first Spark executor before it gives up. */
    static final java.time.Duration EXECUTOR_WAIT = java.time.Duration.ofMinutes(5);

    private final java.time.Duration executorWait;

    /**
     * The Spark setting that bounds how many stages a Frontier worker process on an executor runs
     * before a fresh one replaces it (default {@link WorkerSlot#DEFAULT_STAGES_PER_WORKER}, as on
     * the local pool).
     */
    public static final String STAGES_PER_WORKER = "spark.frontier.stagesPerWorker";

    private final int stagesPerWorker;

    /** An executor for the cluster in {@code settings}. */
    public SparkStageExecutor(ExecutorSettings settings, int threadsPerStage, PrintStream log) {
        this(settings, threadsPerStage, log, EXECUTOR_WAIT);
    }

    /** As above, giving up when no Spark executor has registered after {@code executorWait}. */
    SparkStageExecutor(
            ExecutorSettings settings,
            int threadsPerStage,
            PrintStream log,
            java.time.Duration executorWait) {
        if (settings.master().isBlank()) {
            throw new IllegalArgumentException(
                    "executor.master: found nothing, expected a Spark master URL such as"
                            + " spark://host:7077");
        }
        this.settings = settings;
        this.threadsPerStage = Math.max(1, threadsPerStage);
        this.log = log;
        this.executorWait = executorWait;
        this.stagesPerWorker = stagesPerWorker(settings);
    }

    /**
     * {@link #STAGES_PER_WORKER} from the settings (else a {@code -D} system property, as Spark
     * reads its own), or the default; a bad value is one error.
     */
    static int stagesPerWorker(ExecutorSettings settings) {
        String v =
                settings.conf()
                        .getOrDefault(STAGES_PER_WORKER, System.getProperty(STAGES_PER_WORKER));
        if (v == null) {
            return WorkerSlot.DEFAULT_STAGES_PER_WORKER;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                STAGES_PER_WORKER + ": found '" + v + "', expected a whole number >= 1");
    }

    @Override
    public String describe() {
        return "Spark "
                + settings.master()
                + ", "
                + threadsPerStage
                + " core(s) per stage, worker processes on the executors recycled after "
                + stagesPerWorker
                + " stage(s)";
    }

    /** What every task of the last run answered, in completion order per level. */
    public List<StageResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    @Override
    public WorkerPool.Outcome run(Plan plan, StageStore store, Set<String> needed) {
        Map<String, String> failed = new ConcurrentHashMap<>();
        Set<String> done = ConcurrentHashMap.newKeySet();
        TreeMap<Integer, List<Stage>> levels = levels(plan, store, needed);
        if (levels.isEmpty()) {
            return new WorkerPool.Outcome(failed, done);
        }
        SparkConf conf =
                new SparkConf()
                        .setMaster(settings.master())
                        .setAppName("frontier " + plan.sweep().name())
                        .set("spark.task.cpus", Integer.toString(threadsPerStage))
                        // a stage's own failure is a typed answer; retries are for lost executors
                        .set("spark.task.maxFailures", "4")
                        .set("spark.ui.enabled", "false");
        settings.conf().forEach(conf::set);
        try (JavaSparkContext jsc = new JavaSparkContext(conf)) {
            jsc.setLogLevel("WARN");
            awaitExecutor(jsc);
            RunStage task = new RunStage(store.root(), threadsPerStage, stagesPerWorker);
            for (Map.Entry<Integer, List<Stage>> level : levels.entrySet()) {
                List<String> keys = new ArrayList<>();
                for (Stage s : level.getValue()) {
                    String parentFailed = s.parentKey().map(failed::get).orElse(null);
                    if (parentFailed != null) {
                        failed.put(s.key(), parentFailed);
                    } else {
                        keys.add(s.key());
                        log.printf("  stage %s [%s] on Spark ...%n", s.label(), s.key());
                    }
                }
                if (keys.isEmpty()) {
                    continue;
                }
                List<StageResult> answers;
                try {
                    answers = jsc.parallelize(keys, keys.size()).map(task).collect();
                } catch (
                        Exception e) { // SparkException: a task failed spark.task.maxFailures times
                    String reason = firstLine(e);
                    for (String key : keys) {
                        failed.put(key, "stage failed on Spark: " + reason);
                    }
                    log.println("Spark job of " + keys.size() + " stage(s) failed: " + reason);
                    continue;
                }
                Map<String, Stage> byKey = new HashMap<>();
                level.getValue().forEach(s -> byKey.put(s.key(), s));
                for (StageResult r : answers) {
                    synchronized (results) {
                        results.add(r);
                    }
                    if (r.ok()) {
                        done.add(r.stageKey());
                    } else {
                        failed.put(
                                r.stageKey(),
                                byKey.get(r.stageKey()).kind().name().toLowerCase(Locale.ROOT)
                                        + " stage failed on "
                                        + r.host()
                                        + ": "
                                        + r.reason());
                    }
                }
            }
        }
        return new WorkerPool.Outcome(failed, done);
    }

    /**
     * Waits until at least one executor has registered: a cluster whose executors cannot start (no
     * Java 17, no jars) would otherwise keep the sweep waiting while the master relaunches them
     * without end.
     */
    private void awaitExecutor(JavaSparkContext jsc) {
        long deadline = System.nanoTime() + executorWait.toNanos();
        while (jsc.sc().statusTracker().getExecutorInfos().length < 2) { // the driver is one
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "no Spark executor started on "
                                + settings.master()
                                + " within "
                                + executorWait.toSeconds()
                                + " s; see the workers' logs (executors need Java 17 and"
                                + " Frontier's jars: spark.executor.extraClassPath)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * The stages to run grouped by depth in the stage tree (root = 0): those in {@code needed}, not
     * measurements, not reusable from {@code store}.
     */
    static TreeMap<Integer, List<Stage>> levels(Plan plan, StageStore store, Set<String> needed) {
        Map<String, Integer> depth = new HashMap<>();
        TreeMap<Integer, List<Stage>> levels = new TreeMap<>();
        for (Stage s : plan.stages()) { // parents come before children
            int d = s.parentKey().map(p -> depth.getOrDefault(p, 0) + 1).orElse(0);
            depth.put(s.key(), d);
            if (!s.kind().equals(StageKind.MEASURE)
                    && needed.contains(s.key())
                    && !store.reusable(s.key())) {
                levels.computeIfAbsent(d, k -> new ArrayList<>()).add(s);
            }
        }
        return levels;
    }
}
