package dev.frontier.exec.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.Direction;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.report.ChartSpec;
import dev.frontier.analysis.report.RunOutputs;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.QuantSettings;
import dev.frontier.data.DataLocator;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.exec.measure.Measurer;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.exec.stage.InputCheck;
import dev.frontier.exec.stage.RunContext;
import dev.frontier.exec.stage.StageRunner;
import dev.frontier.exec.stage.SweepModels;
import dev.frontier.exec.store.ActivationFile;
import dev.frontier.exec.store.CorrectnessFile;
import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.exec.store.Yaml;
import dev.frontier.exec.worker.WorkerPool;
import dev.frontier.exec.worker.WorkerProcesses;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Problem;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a sweep from spec to frontier: plans it, executes every missing stage (finished stages and
 * trials are reused from the run directory, so a rerun or a resume after a crash recomputes nothing
 * finished), measures every trial and the baseline, records failures without stopping, and writes
 * the results CSV, frontier CSV, charts and HTML report.
 */
public final class SweepRunner {
    private final PrintStream log;
    private final boolean verboseTraining;
    private final BenchSettings bench;
    private final Map<String, String> env;
    private boolean useWorkers;
    private java.time.Duration stageTimeout = java.time.Duration.ZERO;
    private List<double[]> workerRss = List.of();
    private dev.frontier.exec.cluster.StageExecutor cluster;

    /**
     * A runner logging to {@code log}; {@code verboseTraining} prints one line per training epoch.
     */
    public SweepRunner(PrintStream log, boolean verboseTraining, BenchSettings bench) {
        this(log, verboseTraining, bench, System.getenv());
    }

    /**
     * As above, with the environment that supplies {@code MLFLOW_TRACKING_URI} and server
     * credentials.
     */
    public SweepRunner(
            PrintStream log,
            boolean verboseTraining,
            BenchSettings bench,
            Map<String, String> env) {
        this.log = log;
        this.verboseTraining = verboseTraining;
        this.bench = bench;
        this.env = Map.copyOf(env);
    }

    /**
     * Runs training stages in worker processes even when one worker suffices (bounded native memory
     * on long sweeps); by default workers are used only when {@code parallelism} asks for more than
     * one.
     */
    public SweepRunner withWorkers(boolean enabled) {
        SweepRunner r = new SweepRunner(log, verboseTraining, bench, env);
        r.useWorkers = enabled;
        r.stageTimeout = stageTimeout;
        r.cluster = cluster;
        return r;
    }

    /**
     * Runs training stages on worker processes with a per-stage time-out: a stage still running
     * after {@code timeout} has its worker killed and its trials recorded FAILED ("timed out"); the
     * sweep goes on.
     */
    public SweepRunner withStageTimeout(java.time.Duration timeout) {
        SweepRunner r = new SweepRunner(log, verboseTraining, bench, env);
        r.useWorkers = true;
        r.stageTimeout = timeout;
        r.cluster = cluster;
        return r;
    }

    /**
     * Runs the training stages on {@code executor} (a cluster) instead of this machine's worker
     * processes; measurement stays here, one trial at a time.
     */
    public SweepRunner withExecutor(dev.frontier.exec.cluster.StageExecutor executor) {
        SweepRunner r = new SweepRunner(log, verboseTraining, bench, env);
        r.useWorkers = useWorkers;
        r.stageTimeout = stageTimeout;
        r.cluster = executor;
        return r;
    }

    /**
     * Resident memory (MB) reported by worker processes after each stage of the last run: {stage
     * number, rss}.
     */
    public List<double[]> workerRss() {
        return workerRss;
    }

    /**
     * Runs {@code sweep} with its run directory at {@code sweep.output()} (relative to the working
     * directory).
     */
    public SweepResult run(Sweep sweep) throws IOException {
        return run(sweep, Path.of(sweep.output()));
    }

    /** Runs {@code sweep} with its run directory at {@code runDir}. */
    public SweepResult run(Sweep sweep, Path runDir) throws IOException {
        checkMetrics(sweep);
        long t0 = System.nanoTime();
        Plan plan = Planner.plan(sweep);
        try (StageStore store = StageStore.open(runDir)) {
            store.tookOverFrom()
                    .ifPresent(
                            owner ->
                                    log.println(
                                            "run folder "
                                                    + store.root()
                                                    + ": took over the lock of "
                                                    + owner
                                                    + " (no longer running)"));
            WorkerProcesses workers = new WorkerProcesses();
            java.util.concurrent.atomic.AtomicBoolean running =
                    new java.util.concurrent.atomic.AtomicBoolean(true);
            // on Ctrl-C or a kill: no write after this, no worker left, then say so (kill -9 runs
            // no hook:
            // workers notice their parent is gone by themselves)
            Thread hook =
                    new Thread(
                            () -> {
                                if (running.get()) {
                                    store.stopWrites();
                                    workers.killAll(10);
                                    log.flush();
                                    System.err.println();
                                    System.err.println(
                                            "interrupted: finished stages and trials are kept in "
                                                    + store.root()
                                                    + "; rerun the same command to resume");
                                    System.err.flush();
                                }
                            },
                            "frontier-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                return run(sweep, plan, store, workers, t0);
            } finally {
                running.set(false);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the process is shutting down: the hook runs now
                }
            }
        }
    }

    private SweepResult run(Sweep sweep, Plan plan, StageStore store, WorkerProcesses live, long t0)
            throws IOException {
        String canonical = SpecWriter.write(sweep);
        dev.frontier.analysis.AtomicFiles.writeString(
                store.root().resolve("sweep.yaml"), canonical);
        Engine engine = EngineSetup.start(sweep.threads());
        Device device = Conversions.resolveDevice(sweep, engine);
        SweepModels models =
                SweepModels.of(sweep); // loads a user's jar: a bad one fails here, before the data
        long tData = System.nanoTime();
        DataSplits data =
                Datasets.standard(Conversions.data(sweep.dataset()), log::println)
                        .load(Conversions.data(sweep.dataset()));
        double dataSeconds = (System.nanoTime() - tData) / 1e9;
        models.check(
                data); // builds the user's model once: a factory that throws fails here, before any
        // training
        log.printf(
                Locale.ROOT,
                "sweep %s: %d trials x %d repeat(s), %d unique stages (naive %d); data %s (train %d, "
                        + "validation %d, test %d); %s, %s threads%n",
                sweep.name(),
                plan.trialCount(),
                sweep.repeats(),
                plan.uniqueStageCount(),
                plan.naiveStageCount(),
                data.source(),
                data.train().size(),
                data.validation().size(),
                data.test().size(),
                device,
                sweep.threads() == 0 ? "default" : sweep.threads());
        if (sweep.model().user().isPresent()) {
            log.println(
                    "model: "
                            + SweepModels.describe(sweep.model())
                            + (sweep.model().args().isEmpty()
                                    ? ""
                                    : ", args " + sweep.model().args()));
        }
        // pretrained weights and an ONNX teacher must fit the model and the data: checked before
        // any stage runs
        InputCheck.check(sweep, plan, data, device, models);
        RunContext ctx =
                new RunContext(sweep, plan, data, device, store, log, verboseTraining, models);
        Provenance prov =
                Provenance.collect(
                        dev.frontier.data.Checksums.sha256(
                                        canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                .substring(0, 12),
                        device.toString(),
                        DataLocator.repoRoot());
        StageRunner stages = new StageRunner(ctx);
        Measurer measurer = new Measurer(ctx, bench);
        Counters counters = new Counters();
        counters.dataSeconds = dataSeconds;
        TrialReuse reuse = new TrialReuse(store, EarlyStopper.settings(sweep).isPresent());
        Map<String, String> failedStages = new HashMap<>();
        int workers = WorkerPool.workersFor(sweep.parallelism(), sweep.threads());
        boolean wantWorkers =
                workers > 1 || (useWorkers && plan.uniqueStageCount() > 1) || cluster != null;
        Optional<TrialSearch> search = TrialSearch.of(sweep, plan);
        if (search.isPresent()) {
            // which stages run depends on the measured trials: no pool runs them all beforehand
            log.println(search.get().describe(plan.trialCount()));
            wantWorkers = false;
        }
        if (wantWorkers && models.inProcess()) {
            log.println(
                    "model "
                            + sweep.model().name()
                            + " was made in this process, so worker processes cannot build it:"
                            + " every stage runs here, one at a time (package it in a jar to use parallelism)");
            wantWorkers = false;
        }
        if (wantWorkers && cluster != null) {
            try {
                log.println("training stages on " + cluster.describe());
                long tPool = System.nanoTime();
                WorkerPool.Outcome ran =
                        cluster.run(plan, store, reuse.neededStages(plan, sweep.repeats()));
                failedStages.putAll(ran.failed());
                counters.onWorkers.addAll(ran.done());
                counters.workerSeconds = (System.nanoTime() - tPool) / 1e9;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the cluster", e);
            }
        } else if (wantWorkers) {
            int cores = Runtime.getRuntime().availableProcessors();
            int threadsEach = sweep.threads() > 0 ? sweep.threads() : Math.max(1, cores / workers);
            WorkerPool pool =
                    new WorkerPool(
                            workers,
                            dev.frontier.exec.worker.WorkerSlot.DEFAULT_STAGES_PER_WORKER,
                            threadsEach,
                            stageTimeout,
                            log,
                            live);
            try {
                long tPool = System.nanoTime();
                WorkerPool.Outcome pooled =
                        pool.run(plan, store, reuse.neededStages(plan, sweep.repeats()));
                failedStages.putAll(pooled.failed());
                counters.onWorkers.addAll(pooled.done());
                counters.workerSeconds = (System.nanoTime() - tPool) / 1e9;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the worker processes", e);
            }
            workerRss = pool.rssLog();
        }
        List<TrialRecord> baselines = new ArrayList<>();
        for (int r = 0; r < sweep.repeats(); r++) {
            baselines.add(
                    baseline(
                            plan, reuse, r, stages, measurer, store, prov, counters, failedStages));
        }
        EarlyStopper stopper = earlyStopper(sweep, plan, stages, baselines);
        List<TrialRecord> records = new ArrayList<>();
        List<double[]> spent = new ArrayList<>();
        int total = search.map(TrialSearch::budget).orElse(plan.trialCount()) * sweep.repeats();
        int done = 0;
        ProgressLine progress = new ProgressLine(log, total);
        Iterator<Trial> all = plan.trials().iterator();
        while (true) {
            Optional<Map.Entry<dev.frontier.search.Point, Trial>> proposed =
                    search.isPresent()
                            ? search.get().next()
                            : all.hasNext()
                                    ? Optional.of(Map.entry(NO_POINT, all.next()))
                                    : Optional.empty();
            if (proposed.isEmpty()) {
                break;
            }
            Trial trial = proposed.get().getValue();
            TrialRecord first = null;
            for (int r = 0; r < sweep.repeats(); r++) {
                TrialRecord rec =
                        trial(
                                plan,
                                reuse,
                                trial,
                                r,
                                baselines.get(r),
                                stages,
                                measurer,
                                store,
                                prov,
                                counters,
                                failedStages,
                                stopper);
                if (stopper != null) {
                    stopper.measured(rec, stopper.estimate(trial));
                }
                records.add(rec);
                progress.trialDone(++done, rec);
                first = first == null ? rec : first;
            }
            if (search.isPresent()) {
                search.get().measured(proposed.get().getKey(), first.metrics(), first.ok());
                spent.add(
                        first.ok()
                                ? new double[] {
                                    first.metrics().get("accuracy"),
                                    first.metrics().get("size_bytes")
                                }
                                : null);
            }
        }
        List<TrialOutcome> outcomes = new ArrayList<>();
        outcomes.add(Aggregation.outcome("baseline", "baseline", "baseline", baselines));
        Map<String, List<TrialRecord>> byTrial = new LinkedHashMap<>();
        records.forEach(
                rec -> byTrial.computeIfAbsent(rec.trialId(), k -> new ArrayList<>()).add(rec));
        byTrial.forEach(
                (id, recs) ->
                        outcomes.add(
                                Aggregation.outcome(
                                        id, recs.get(0).name(), recs.get(0).technique(), recs)));
        List<String> warnings = warnings(outcomes);
        ParetoCriteria criteria = criteria(sweep);
        ParetoResult pareto = ParetoAnalysis.analyze(outcomes, criteria);
        RunOutputs.Written written =
                RunOutputs.write(
                        pareto,
                        store.root(),
                        "Frontier sweep " + sweep.name(),
                        ChartSpec.forObjectives(
                                criteria.objectives().stream().map(Objective::metric).toList()),
                        warnings);
        double seconds = (System.nanoTime() - t0) / 1e9;
        SweepResult.Work work =
                new SweepResult.Work(
                        counters.ranHere.size(),
                        counters.onWorkers.size(),
                        counters.reused.size(),
                        counters.trialsMeasured,
                        counters.trialsReused,
                        store.recomputed());
        SweepResult result =
                new SweepResult(
                        sweep,
                        plan,
                        store.root(),
                        outcomes,
                        pareto,
                        written,
                        work,
                        seconds,
                        prov,
                        baselines,
                        records,
                        new SweepResult.Timing(
                                counters.dataSeconds,
                                counters.stageSeconds,
                                counters.workerSeconds,
                                counters.measureSeconds),
                        warnings);
        if (!work.recomputed().isEmpty()) {
            log.println(
                    "cache: "
                            + work.recomputed().size()
                            + " entr"
                            + (work.recomputed().size() == 1 ? "y" : "ies")
                            + (work.recomputed().size() == 1
                                    ? " failed its check"
                                    : " failed their check")
                            + ", moved aside and recomputed:");
            work.recomputed().forEach(c -> log.println("  " + c.describe()));
        }
        if (search.isPresent()) {
            searchCurve(sweep, plan, store.root(), spent);
        }
        dev.frontier.analysis.AtomicFiles.writeString(
                store.root().resolve("summary.yaml"), Yaml.dump(result.summary()));
        new TrackingPublisher(log).publish(result, env);
        return result;
    }

    /**
     * The early stopper of a sweep that asks for one, primed with the baselines (measured accuracy,
     * the dense model's estimated size: a trial no smaller and less accurate stops); null
     * otherwise.
     */
    private EarlyStopper earlyStopper(
            Sweep sweep, Plan plan, StageRunner stages, List<TrialRecord> baselines)
            throws IOException {
        Optional<dev.frontier.spec.EarlyStop> settings = EarlyStopper.settings(sweep);
        if (settings.isEmpty()) {
            return null;
        }
        SizeEstimate sizes;
        try (FrontierModel model = stages.load(plan.path(plan.trials().get(0), 0).get(0))) {
            sizes =
                    SizeEstimate.of(
                            dev.frontier.compress.LayerMap.of(model.block()),
                            model.parameterCount());
        }
        EarlyStopper stopper = new EarlyStopper(settings.get(), sizes);
        baselines.forEach(b -> stopper.measured(b, stopper.baselineEstimate()));
        log.printf(
                Locale.ROOT,
                "early stopping: a trial is judged after %d epoch(s) of its own training, against"
                        + " the trials measured so far (margin %.2f pts of accuracy)%n",
                settings.get().afterEpochs(),
                100 * settings.get().margin());
        return stopper;
    }

    /**
     * A STOPPED record: the reason, the figures it was judged on, the last stage of its path (a
     * rerun of the same plan reuses it) and the checkpoint of the stage it was judged after.
     */
    private static TrialRecord stoppedRecord(
            Trial trial,
            int repeat,
            String name,
            String technique,
            Map<String, String> params,
            Map<String, String> provenance,
            List<Stage> path,
            EarlyStopper.Stopped stop,
            StageStore store) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("stop_val_accuracy", stop.accuracy());
        metrics.put("stop_estimated_size_bytes", stop.estimatedBytes());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StageStore.STOPPED_BEFORE, path.get(path.size() - 2).key());
        facts.put("stopped_after_stage", stop.judged().label());
        return new TrialRecord(
                        trial.id(),
                        repeat,
                        name,
                        technique,
                        TrialRecord.Status.STOPPED,
                        stop.reason(),
                        params,
                        metrics,
                        facts,
                        provenance,
                        Map.of())
                .withInputs(
                        store.root(),
                        List.of(store.stage(stop.judged().key()).resolve(StageStore.CHECKPOINT)));
    }

    /** A searched sweep's hypervolume after each trial it spent, plotted in the run folder. */
    static final String SEARCH_CURVE = "hypervolume_vs_trials.png";

    /**
     * Plots the hypervolume (accuracy, file bytes) of the trials measured after each trial a search
     * spent to {@link #SEARCH_CURVE} and prints it (also published as a parent-run artifact).
     */
    private void searchCurve(Sweep sweep, Plan plan, Path root, List<double[]> spent)
            throws IOException {
        double[] hv = dev.frontier.search.SearchCurve.hypervolumes(spent);
        var s = sweep.search().orElseThrow();
        dev.frontier.search.ReplayChart.writePng(
                dev.frontier.search.ReplayChart.sweepChart(
                        hv,
                        plan.trialCount(),
                        "Sweep "
                                + sweep.name()
                                + ": "
                                + s.strategy().yamlName()
                                + ", seed "
                                + s.seed()
                                + (s.earlyStop().isPresent() ? ", early stopping" : "")),
                root.resolve(SEARCH_CURVE));
        StringBuilder line = new StringBuilder("search: hypervolume (accuracy x bytes) after");
        for (int i = 0; i < hv.length; i++) {
            line.append(String.format(Locale.ROOT, " %d: %.4g;", i + 1, hv[i]));
        }
        log.println(line.substring(0, line.length() - 1));
        log.println("search: plot " + root.resolve(SEARCH_CURVE));
    }

    /** The grid's trials are not points of a search. */
    private static final dev.frontier.search.Point NO_POINT = dev.frontier.search.Point.of(-1);

    private TrialRecord baseline(
            Plan plan,
            TrialReuse reuse,
            int repeat,
            StageRunner stages,
            Measurer measurer,
            StageStore store,
            Provenance prov,
            Counters counters,
            Map<String, String> failedStages)
            throws IOException {
        Stage root = plan.path(plan.trials().get(0), repeat).get(0);
        Optional<TrialRecord> cached = reuse.record("baseline", repeat, root.key());
        if (cached.isPresent()) {
            counters.trialsReused++;
            return cached.get();
        }
        if (failedStages.containsKey(root.key())) {
            throw new IllegalStateException(
                    "the baseline could not be trained, so no trial can be measured: "
                            + failedStages.get(root.key()));
        }
        ensure(List.of(root), root, stages, store, counters);
        try (FrontierModel model = stages.load(root)) {
            long tm = System.nanoTime();
            Measurer.Measured m =
                    measurer.measure(
                            model,
                            null,
                            store.trialDir("baseline", repeat),
                            null,
                            Double.NaN,
                            baselineRuntime(plan),
                            Optional.empty(),
                            Map.of());
            counters.measureSeconds += (System.nanoTime() - tm) / 1e9;
            counters.trialsMeasured++;
            CorrectnessFile.write(baselineCorrect(store, repeat), m.correct());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("runtime", baselineRuntime(plan));
            Map<String, String> p = new LinkedHashMap<>(prov.values());
            p.put("trial_id", "baseline");
            p.put("seed", String.valueOf(root.seed()));
            Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
            TrialFacts.putBaseline(metrics, plan.sweep());
            TrialRecord rec =
                    new TrialRecord(
                                    "baseline",
                                    repeat,
                                    "baseline",
                                    "baseline",
                                    true,
                                    "",
                                    params,
                                    metrics,
                                    m.facts(),
                                    p)
                            .withInputs(
                                    store.root(),
                                    inputs(
                                            m,
                                            store.stage(root.key()),
                                            baselineCorrect(store, repeat)));
            store.write(rec);
            return rec;
        }
    }

    private TrialRecord trial(
            Plan plan,
            TrialReuse reuse,
            Trial trial,
            int repeat,
            TrialRecord baseline,
            StageRunner stages,
            Measurer measurer,
            StageStore store,
            Provenance prov,
            Counters counters,
            Map<String, String> failedStages,
            EarlyStopper stopper)
            throws IOException {
        List<Stage> path = plan.path(trial, repeat);
        Optional<TrialRecord> cached =
                reuse.record(trial.id(), repeat, path.get(path.size() - 2).key());
        if (cached.isPresent()) {
            counters.trialsReused++;
            return cached.get();
        }
        String name = TrialNaming.name(trial);
        String technique = TrialNaming.technique(trial);
        Map<String, String> params = TrialNaming.params(trial);
        Map<String, String> p = new LinkedHashMap<>(prov.values());
        p.put("trial_id", trial.id());
        p.put("seed", String.valueOf(trial.seed(repeat)));
        try {
            boolean judged = stopper == null;
            int ownEpochs = 0;
            List<Stage> donePasses = new ArrayList<>();
            for (Stage s : path) {
                if (failedStages.containsKey(s.key())) {
                    throw new StageFailedException(failedStages.get(s.key()));
                }
                // judged once: after the trial's k-th own epoch, before the next work (a stage to
                // run, or the measurement)
                if (!judged
                        && ownEpochs >= stopper.afterEpochs()
                        && (s.kind().equals(StageKind.MEASURE) || !store.reusable(s.key()))) {
                    judged = true;
                    Optional<EarlyStopper.Stopped> stop =
                            stopper.judge(plan, trial, donePasses, store);
                    if (stop.isPresent()) {
                        TrialRecord rec =
                                stoppedRecord(
                                        trial,
                                        repeat,
                                        name,
                                        technique,
                                        params,
                                        p,
                                        path,
                                        stop.get(),
                                        store);
                        store.write(rec);
                        return rec;
                    }
                }
                if (!s.kind().equals(StageKind.MEASURE)) {
                    try {
                        ensure(path, s, stages, store, counters);
                    } catch (RuntimeException | IOException | OutOfMemoryError e) {
                        String reason =
                                s.kind().name().toLowerCase(Locale.ROOT)
                                        + " stage failed: "
                                        + describe(e);
                        failedStages.put(s.key(), reason);
                        throw new StageFailedException(reason);
                    }
                    if (s.kind().isPass()) {
                        donePasses.add(s);
                        ownEpochs += trial.pipeline().get(s.passIndex()).trainingEpochs();
                    }
                }
            }
            Stage last = path.get(path.size() - 2);
            Path stageFile = store.stage(last.key()).resolve(StageStore.MODEL_FILE);
            boolean[] baseCorrect = CorrectnessFile.read(baselineCorrect(store, repeat));
            boolean quantized = Files.isRegularFile(stageFile);
            Map<String, QuantParams> activations =
                    ActivationFile.read(store.stage(last.key()).resolve(ActivationFile.NAME));
            // a quantized trial is measured from its model file: the accuracy is that of what is
            // stored
            try (FrontierModel model = quantized ? stages.read(stageFile) : stages.load(last)) {
                long tm = System.nanoTime();
                Measurer.Measured m =
                        measurer.measure(
                                model,
                                quantized ? stageFile : null,
                                store.trialDir(trial.id(), repeat),
                                baseCorrect,
                                baseline.metrics().get("accuracy"),
                                trial.runtime().yamlName(),
                                quantSettings(trial),
                                activations);
                counters.measureSeconds += (System.nanoTime() - tm) / 1e9;
                counters.trialsMeasured++;
                Map<String, Double> metrics = new LinkedHashMap<>(m.metrics());
                TrialFacts.put(metrics, plan.sweep(), trial);
                TrialFacts.sparsityTarget(trial, dev.frontier.compress.LayerMap.of(model.block()))
                        .ifPresent(t -> metrics.put("sparsity_target", t));
                TrialRecord rec =
                        new TrialRecord(
                                        trial.id(),
                                        repeat,
                                        name,
                                        technique,
                                        true,
                                        "",
                                        params,
                                        metrics,
                                        m.facts(),
                                        p)
                                .withInputs(
                                        store.root(),
                                        inputs(
                                                m,
                                                store.stage(last.key()),
                                                baselineCorrect(store, repeat)));
                store.write(rec);
                return rec;
            }
        } catch (StageFailedException e) {
            TrialRecord rec =
                    new TrialRecord(
                            trial.id(),
                            repeat,
                            name,
                            technique,
                            false,
                            e.getMessage(),
                            params,
                            Map.of(),
                            Map.of(),
                            p);
            store.write(rec);
            return rec;
        } catch (RuntimeException | OutOfMemoryError e) {
            TrialRecord rec =
                    new TrialRecord(
                            trial.id(),
                            repeat,
                            name,
                            technique,
                            false,
                            "measure failed: " + describe(e),
                            params,
                            Map.of(),
                            Map.of(),
                            p);
            store.write(rec);
            return rec;
        }
    }

    /**
     * What a reader of the table must know: trials whose measured sparsity is not what their
     * pruning asked for, and trials that trained longer than the baseline and beat its confidence
     * interval (the baseline may be undertrained, so the gain is not compression's).
     */
    static List<String> warnings(List<TrialOutcome> outcomes) {
        List<String> w = new ArrayList<>();
        TrialOutcome base = outcomes.get(0);
        double baseHigh =
                base.isOk()
                        ? base.metrics().getOrDefault("accuracy_ci_high", Double.NaN)
                        : Double.NaN;
        for (TrialOutcome o : outcomes.subList(1, outcomes.size())) {
            if (!o.isOk()) {
                continue;
            }
            Map<String, Double> m = o.metrics();
            if (m.containsKey("sparsity_target") && m.containsKey("sparsity")) {
                TrialFacts.sparsityGap(o.name(), m.get("sparsity_target"), m.get("sparsity"))
                        .ifPresent(w::add);
            }
            double extra = m.getOrDefault("extra_epochs", 0.0);
            double acc = m.getOrDefault("accuracy", Double.NaN);
            if (extra > 0 && acc > baseHigh) {
                w.add(
                        String.format(
                                Locale.ROOT,
                                "%s: %.2f%% beats the baseline's 95%% CI (up to %.2f%%) after %.0f more "
                                        + "training epoch(s): baseline may be undertrained",
                                o.name(),
                                100 * acc,
                                100 * baseHigh,
                                extra));
            }
        }
        return w;
    }

    /** The baseline is measured on the runtime of the first trial, so its latency is comparable. */
    private static String baselineRuntime(Plan plan) {
        return plan.trials().get(0).runtime().yamlName();
    }

    private static Optional<QuantSettings> quantSettings(Trial trial) {
        Optional<QuantSettings> q = Optional.empty();
        for (var p : trial.pipeline()) {
            if (p instanceof dev.frontier.spec.Quantize quantize) {
                q = Optional.of(Conversions.quant(quantize));
            }
        }
        return q;
    }

    private void ensure(
            List<Stage> path, Stage s, StageRunner stages, StageStore store, Counters counters)
            throws IOException {
        if (store.reusable(s.key())) {
            if (!counters.ranHere.contains(s.key()) && !counters.onWorkers.contains(s.key())) {
                counters.reused.add(s.key());
            }
            return;
        }
        log.printf("  stage %s [%s] ...%n", s.label(), s.key());
        long t = System.nanoTime();
        stages.run(s, path);
        counters.stageSeconds += (System.nanoTime() - t) / 1e9;
        counters.reused.remove(s.key());
        counters.onWorkers.remove(s.key());
        counters.ranHere.add(s.key());
    }

    /** The baseline's per-example correctness on the test set (for McNemar's test), per repeat. */
    private static Path baselineCorrect(StageStore store, int repeat) {
        return store.trialDir("baseline", repeat).resolve("test-correct.bin");
    }

    /**
     * The files a trial's figures come from: what it measured and wrote, its stage's checkpoint,
     * the baseline's answers.
     */
    private static List<Path> inputs(Measurer.Measured m, Path stageFolder, Path baselineCorrect) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of(m.facts().get("model_file")));
        if (m.facts().containsKey("onnx_file")) {
            files.add(Path.of(m.facts().get("onnx_file")));
        }
        files.add(stageFolder.resolve(StageStore.CHECKPOINT));
        files.add(baselineCorrect);
        return files;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m;
    }

    /**
     * Objectives and constraints must name measured metrics: checked before any training, with "did
     * you mean".
     */
    static void checkMetrics(Sweep sweep) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < sweep.objectives().size(); i++) {
            unknownMetric(sweep.objectives().get(i).metric(), "objectives[" + i + "].metric")
                    .ifPresent(problems::add);
        }
        for (int i = 0; i < sweep.constraints().size(); i++) {
            unknownMetric(sweep.constraints().get(i).metric(), "constraints[" + i + "]")
                    .ifPresent(problems::add);
        }
        if (problems.isEmpty()) {
            EarlyStopper.objectivesProblem(sweep).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
    }

    private static Optional<Problem> unknownMetric(String metric, String where) {
        if (Measurer.METRICS.contains(metric)) {
            return Optional.empty();
        }
        String hint = dev.frontier.spec.Suggestions.didYouMean(metric, Measurer.METRICS);
        return Optional.of(
                Problem.at(
                        where,
                        "'"
                                + metric
                                + "' is not a metric Frontier measures"
                                + (hint.isEmpty()
                                        ? "; measured: " + String.join(", ", Measurer.METRICS)
                                        : hint)));
    }

    static ParetoCriteria criteria(Sweep sweep) {
        List<Objective> objectives = new ArrayList<>();
        for (dev.frontier.spec.Objective o : sweep.objectives()) {
            objectives.add(
                    new Objective(
                            o.metric(),
                            o.direction() == dev.frontier.spec.Objective.Direction.MAX
                                    ? Direction.MAX
                                    : Direction.MIN));
        }
        if (objectives.size() < 2) {
            // a frontier needs two objectives: add size (or accuracy) as the second
            boolean hasAccuracy = objectives.stream().anyMatch(o -> o.metric().equals("accuracy"));
            objectives.add(
                    hasAccuracy
                            ? Objective.minimize("size_bytes")
                            : Objective.maximize("accuracy"));
        }
        List<Constraint> constraints = new ArrayList<>();
        for (dev.frontier.spec.Constraint c : sweep.constraints()) {
            constraints.add(
                    new Constraint(
                            c.metric(),
                            Constraint.Operator.fromSymbol(c.op().yamlName()),
                            c.bound()));
        }
        return new ParetoCriteria(objectives, constraints, List.of());
    }

    /** Stage and trial work done and reused in this run (stages counted once each, by key). */
    static final class Counters {
        double dataSeconds;
        double stageSeconds;
        double workerSeconds;
        double measureSeconds;
        final java.util.Set<String> ranHere = new java.util.HashSet<>();
        final java.util.Set<String> onWorkers = new java.util.HashSet<>();
        final java.util.Set<String> reused = new java.util.HashSet<>();
        int trialsMeasured;
        int trialsReused;
    }

    /** A stage on a trial's path failed (now or earlier in this run). */
    static final class StageFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        StageFailedException(String message) {
            super(message);
        }
    }
}
