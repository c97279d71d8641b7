package dev.frontier.exec.run;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.RankedTrial;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.exec.store.Yaml;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Sweep;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.sweep.ArtifactFile;
import dev.frontier.tracking.sweep.SweepFinish;
import dev.frontier.tracking.sweep.SweepLogReport;
import dev.frontier.tracking.sweep.SweepLogger;
import dev.frontier.tracking.sweep.SweepStart;
import dev.frontier.tracking.sweep.SweepTracking;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs a finished sweep to MLflow: one parent run per sweep execution (settings, spec, tables,
 * charts, report, hypervolume) and one child run per trial (every effective parameter, every
 * metric, per-epoch training curves as step metrics, Pareto tags, the compressed model and ONNX
 * files). Everything goes to a local MLflow file store first; a server is a mirror, and when it is
 * down the sweep still finishes and the printed {@code frontier sync} command pushes the runs
 * later. A failure to write the local store (a full disk, an unwritable folder) is fatal: it
 * propagates as a {@link dev.frontier.tracking.TrackingException} naming the file, and the parent
 * run is marked FAILED.
 */
public final class TrackingPublisher {
    private final PrintStream log;

    TrackingPublisher(PrintStream log) {
        this.log = log;
    }

    /**
     * The tracking URI in force: MLFLOW_TRACKING_URI, else the sweep's setting, else
     * sqlite:///mlruns.db.
     */
    static TrackingUri uri(Sweep sweep, Map<String, String> env) {
        return TrackingUri.resolve(
                sweep.tracking().map(t -> t.uri()).filter(u -> !u.isBlank()), env);
    }

    /**
     * Publishes {@code result}. A server that cannot be reached is not fatal (the runs stay local
     * and the {@code frontier sync} command is printed); a failed write of the local store throws.
     *
     * @throws dev.frontier.tracking.TrackingException if the local MLflow store cannot be written,
     *     naming the file
     */
    SweepLogReport publish(SweepResult result, Map<String, String> env) {
        Sweep sweep = result.sweep();
        TrackingUri uri = uri(sweep, env);
        String experiment =
                sweep.tracking()
                        .map(t -> t.experiment())
                        .filter(e -> e != null && !e.isBlank())
                        .orElse(sweep.name());
        Path runDir = result.runDirectory();
        try (SweepTracking tracking =
                        SweepTracking.open(
                                uri,
                                Path.of("").toAbsolutePath(),
                                runDir.resolve("mlruns"),
                                env,
                                Clock.systemUTC());
                SweepLogger logger = SweepLogger.start(tracking, start(result, experiment))) {
            for (TrialOutcome o : result.outcomes()) {
                logger.logTrial(record(result, o));
            }
            SweepLogReport report =
                    logger.finish(
                            SweepFinish.finished(
                                    summaryMetrics(result),
                                    ranks(result),
                                    parentArtifacts(result)));
            log.println(
                    "tracking: "
                            + uri.value()
                            + " experiment '"
                            + experiment
                            + "'"
                            + report.parentRunLabel().map(label -> ", " + label).orElse(""));
            report.nextStep().ifPresent(step -> log.println("tracking: " + step));
            result.pareto()
                    .knee()
                    .ifPresent(knee -> registerKnee(tracking, report, experiment, knee.outcome()));
            return report;
        }
    }

    private SweepStart start(SweepResult r, String experiment) {
        Sweep s = r.sweep();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sweep", s.name());
        p.put("dataset", s.dataset().name());
        p.put("dataset.limit", String.valueOf(s.dataset().limit()));
        s.dataset()
                .user()
                .ifPresent(
                        u -> {
                            p.put("dataset.path", u.path().toString());
                            p.put("dataset.format", u.format().yamlName());
                        });
        p.put("model", s.model().name());
        p.put("model.width", String.valueOf(s.model().width()));
        p.put("seed", String.valueOf(s.seed()));
        p.put("device", s.device().toString());
        p.put("threads", String.valueOf(s.threads()));
        p.put("repeats", String.valueOf(s.repeats()));
        p.put("trials", String.valueOf(r.plan().trialCount()));
        p.put("training.epochs", String.valueOf(s.training().epochs()));
        p.put("teacher", s.teacher().map(dev.frontier.spec.Teacher::describe).orElse("none"));
        p.put("objectives", s.objectives().toString());
        p.put("constraints", s.constraints().toString());
        String specHash = r.provenance().values().get("spec_hash");
        return new SweepStart(
                experiment,
                specHash,
                s.name() + "-" + specHash,
                specHash,
                r.provenance().values().getOrDefault("git_commit", ""),
                r.provenance().values().getOrDefault("frontier_version", "dev"),
                p,
                List.of(ArtifactFile.of("sweep.yaml", r.runDirectory().resolve("sweep.yaml"))),
                // the parent run spans the sweep, not just its logging
                Math.max(1, Clock.systemUTC().millis() - Math.round(r.seconds() * 1000)));
    }

    /**
     * Registers the knee trial's model files as a version of the model named after the experiment,
     * where its child run was written (the server when the sweep reached it, else the embedded
     * store). A registry that cannot be written is reported, not fatal.
     */
    private void registerKnee(
            SweepTracking tracking, SweepLogReport report, String experiment, TrialOutcome knee) {
        try {
            dev.frontier.tracking.TrackingStore store;
            Optional<String> run;
            if (report.mirrored() && tracking.mirror().isPresent()) {
                store = tracking.mirror().get();
                run =
                        store.findExperiment(experiment)
                                .flatMap(
                                        id ->
                                                ModelRegistration.childRun(
                                                        store, id, knee.trialId()));
            } else {
                store = tracking.local();
                run = Optional.ofNullable(report.childRunIds().get(knee.trialId()));
            }
            if (run.isEmpty()) {
                log.println(
                        "model registry: no run of the knee trial "
                                + knee.trialId()
                                + " to register");
                return;
            }
            var existing = store.modelVersions(experiment, run.get());
            if (!existing.isEmpty()) {
                // a rerun of the same sweep: its knee's run is registered already
                log.println(
                        "model registry: the knee's run is version "
                                + existing.get(existing.size() - 1).version()
                                + " of model '"
                                + experiment
                                + "' already");
                return;
            }
            var version =
                    ModelRegistration.register(
                            store, experiment, run.get(), knee, experiment, "knee point");
            log.println("model registry: " + ModelRegistration.describe(version, store));
        } catch (dev.frontier.tracking.TrackingException e) {
            log.println(ModelRegistration.failed(e));
        }
    }

    private dev.frontier.tracking.sweep.TrialRecord record(SweepResult r, TrialOutcome o) {
        Map<String, String> params = new LinkedHashMap<>(o.params());
        params.put("technique", o.technique());
        if (o.status() == dev.frontier.analysis.TrialStatus.STOPPED) {
            Map<String, Double> judged = new LinkedHashMap<>();
            r.trialRecords().stream()
                    .filter(t -> t.trialId().equals(o.trialId()) && t.stopped())
                    .findFirst()
                    .ifPresent(t -> judged.putAll(finite(t.metrics())));
            return dev.frontier.tracking.sweep.TrialRecord.stopped(
                    o.trialId(), o.name(), o.technique(), params, o.failureReason(), judged);
        }
        if (!o.isOk()) {
            return dev.frontier.tracking.sweep.TrialRecord.failed(
                    o.trialId(), o.name(), o.technique(), params, o.failureReason());
        }
        List<ArtifactFile> artifacts = new ArrayList<>();
        List<TrialRecord> repeats =
                o.trialId().equals("baseline")
                        ? r.baselineRecords()
                        : r.trialRecords().stream()
                                .filter(t -> t.trialId().equals(o.trialId()))
                                .toList();
        if (!repeats.isEmpty()) {
            addArtifact(artifacts, "model", repeats.get(0).facts().get("model_file"));
            addArtifact(artifacts, "model", repeats.get(0).facts().get("onnx_file"));
        }
        return dev.frontier.tracking.sweep.TrialRecord.ok(
                o.trialId(),
                o.name(),
                o.technique(),
                params,
                finite(o.metrics()),
                curves(r, o.trialId()),
                artifacts);
    }

    private static void addArtifact(List<ArtifactFile> out, String folder, String file) {
        if (file != null && Files.isRegularFile(Path.of(file))) {
            out.add(ArtifactFile.in(folder, Path.of(file)));
        }
    }

    /**
     * Per-epoch curves of every training stage on the trial's path (repeat 0), keyed by stage kind.
     */
    @SuppressWarnings("unchecked")
    private Map<String, List<Double>> curves(SweepResult r, String trialId) {
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        Optional<Trial> trial =
                r.plan().trials().stream().filter(t -> t.id().equals(trialId)).findFirst();
        List<Stage> path =
                trial.isPresent()
                        ? r.plan().path(trial.get(), 0)
                        : List.of(r.plan().path(r.plan().trials().get(0), 0).get(0));
        for (Stage s : path) {
            if (s.kind().equals(StageKind.MEASURE)) {
                continue;
            }
            Path meta = r.runDirectory().resolve("stages").resolve(s.key()).resolve("stage.yaml");
            try {
                if (!Files.isRegularFile(meta)) {
                    continue;
                }
                Object epochs = Yaml.load(Files.readString(meta), meta.toString()).get("epochs");
                if (!(epochs instanceof List<?> list)) {
                    continue;
                }
                String prefix = s.kind().name().toLowerCase(java.util.Locale.ROOT);
                for (Object e : list) {
                    Map<String, Object> m = (Map<String, Object>) e;
                    for (String k : List.of("train_loss", "train_accuracy", "val_accuracy")) {
                        if (m.get(k) instanceof Number n) {
                            curves.computeIfAbsent(prefix + "." + k, x -> new ArrayList<>())
                                    .add(n.doubleValue());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.println("tracking: skipped curves of stage " + s.key() + ": " + e.getMessage());
            }
        }
        return curves;
    }

    private static Map<String, Double> finite(Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach(
                (k, v) -> {
                    if (v != null && Double.isFinite(v)) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    private static Map<String, Double> summaryMetrics(SweepResult r) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("hypervolume", r.pareto().hypervolume());
        m.put("hypervolume_ratio", r.pareto().hypervolumeRatio());
        m.put("trials", (double) r.plan().trialCount());
        m.put("trials_failed", (double) r.failedTrials());
        m.put("frontier_size", (double) r.pareto().front().size());
        m.put("stages_run", (double) r.stagesRun());
        m.put("stages_reused", (double) r.stagesReused());
        m.put("seconds", r.seconds());
        return finite(m);
    }

    private static Map<String, Integer> ranks(SweepResult r) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (RankedTrial t : r.pareto().trials()) {
            ranks.put(t.trialId(), t.standing() == Standing.RANKED ? t.rank() : 0);
        }
        return ranks;
    }

    private static List<ArtifactFile> parentArtifacts(SweepResult r) {
        List<ArtifactFile> a = new ArrayList<>();
        addArtifact(a, "tables", r.files().resultsCsv().toString());
        addArtifact(a, "tables", r.files().frontierCsv().toString());
        r.files()
                .charts()
                .forEach(
                        c -> {
                            addArtifact(a, "charts", c.png().toString());
                            addArtifact(a, "charts", c.svg().toString());
                        });
        addArtifact(a, "", r.files().report().toString());
        if (r.sweep().search().isPresent()) {
            addArtifact(a, "charts", r.runDirectory().resolve(SweepRunner.SEARCH_CURVE).toString());
        }
        return a;
    }
}
