package dev.frontier.tracking.sweep;

import dev.frontier.tracking.CompleteRun;
import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowNames;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.sync.StoreSync;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Logs one sweep execution to MLflow: a parent run with the sweep's settings, tags, summary metrics
 * and report artifacts, and one child run per trial with its parameters, metrics, curves, tags and
 * model.
 *
 * <p>Everything is written to the local store first (SQLite or file); each child run appears there
 * whole (one transaction, or built in a staging folder and renamed into place). A failure to write
 * the local store is fatal: the method throws {@link TrackingException} naming the file and the
 * reason, after marking the parent run FAILED (a small reserve of disk, released first, leaves room
 * for that even on a full disk). When a server mirror is configured, each trial's run is copied to
 * it right after it is logged; a server that cannot be reached is not fatal: after the first
 * failure the mirror is left alone until {@link #finish}, which tries once more to copy the whole
 * sweep, and the problems are collected in the {@link SweepLogReport}. A rerun with the same sweep
 * id resumes the same parent run, and a trial whose child run already ended is not logged again.
 */
public final class SweepLogger implements AutoCloseable {

    private static final int MAX_REASON = 4000;
    private static final int RESERVE_BYTES = 64 * 1024;

    private final SweepTracking tracking;
    private final SweepStart start;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> children = new LinkedHashMap<>();
    private final Map<String, RunStatus> existingChildren = new LinkedHashMap<>();
    private String parentRunId;
    private String mirrorParentRunId;
    private boolean failed;
    private boolean mirrorDown;
    private boolean mirrorMissedSomething;
    private boolean finished;

    private SweepLogger(SweepTracking tracking, SweepStart start) {
        this.tracking = tracking;
        this.start = start;
    }

    /**
     * Starts (or, for a known sweep id, resumes) the parent run of a sweep.
     *
     * @param tracking the stores; closed by {@link #close()}
     * @param start the sweep's identity, settings and first artifacts
     * @return the logger
     * @throws TrackingException if the local store cannot be written (the stores are closed)
     */
    public static SweepLogger start(SweepTracking tracking, SweepStart start) {
        var logger = new SweepLogger(tracking, start);
        try {
            logger.openParent();
        } catch (RuntimeException e) {
            try {
                tracking.local().releaseSpace();
                tracking.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return logger;
    }

    /**
     * Returns the parent run's id in the local store.
     *
     * @return the id, or empty if the parent could not be created (see the report's problems)
     */
    public synchronized Optional<String> parentRunId() {
        return Optional.ofNullable(parentRunId);
    }

    /**
     * Logs one trial as a child run and ends that run (FINISHED or FAILED). A trial whose child run
     * already ended in an earlier execution of the same sweep is not logged again.
     *
     * @param trial the trial
     * @return the child run's id in the local store
     * @throws TrackingException if the local store cannot be written; the child run is then absent
     *     (or as it was) and the parent run is marked FAILED
     */
    public synchronized Optional<String> logTrial(TrialRecord trial) {
        requireOpen();
        LocalStore local = tracking.local();
        String runId = children.get(trial.trialId());
        if (runId != null
                && existingChildren.getOrDefault(trial.trialId(), RunStatus.RUNNING).isTerminal()) {
            mirror(runId);
            return Optional.of(runId);
        }
        RunStatus status =
                trial.ok()
                        ? RunStatus.FINISHED
                        : trial.stopped() ? RunStatus.KILLED : RunStatus.FAILED;
        try {
            long now = tracking.clock().millis();
            var complete =
                    new CompleteRun(
                            new NewRun(
                                    trial.runName(),
                                    Optional.of(parentRunId),
                                    now,
                                    Map.of(SweepTags.TRIAL_ID, trial.trialId())),
                            RunBatch.of(
                                    fit(trial.params(), MlflowNames.MAX_PARAM_VALUE_LENGTH),
                                    metricPoints(trial, now),
                                    trialTags(trial)),
                            trial.artifacts().stream()
                                    .map(a -> new StoredArtifact(a.artifactPath(), a.file()))
                                    .toList(),
                            status,
                            tracking.clock().millis());
            if (runId == null) {
                runId = local.createCompleteRun(experimentId(), complete);
                children.put(trial.trialId(), runId);
            } else {
                local.replaceRun(
                        runId, complete); // left RUNNING by an older, interrupted execution
            }
            existingChildren.put(trial.trialId(), status);
        } catch (RuntimeException e) {
            throw fail("trial " + trial.trialId() + " (" + trial.runName() + ")", e);
        }
        mirror(runId);
        return Optional.of(runId);
    }

    /**
     * Ends the sweep: sets the children's {@code pareto}/{@code pareto_rank} tags, logs the summary
     * metrics and report artifacts to the parent, ends it, and copies the whole sweep to the server
     * mirror.
     *
     * @param finish how the sweep ended
     * @return the report
     */
    public synchronized SweepLogReport finish(SweepFinish finish) {
        if (finished) {
            problems.add("finish called twice; the second call was ignored");
            return report();
        }
        requireOpen();
        finished = true;
        LocalStore local = tracking.local();
        String what = "pareto tags";
        try {
            for (var rank : finish.paretoRanks().entrySet()) {
                String childId = children.get(rank.getKey());
                if (childId == null) {
                    problems.add(
                            "pareto rank given for trial "
                                    + rank.getKey()
                                    + ", which has no child run");
                    continue;
                }
                what = "pareto tags of trial " + rank.getKey();
                local.setTags(
                        childId,
                        Map.of(
                                SweepTags.PARETO,
                                Boolean.toString(rank.getValue() == 1),
                                SweepTags.PARETO_RANK,
                                Integer.toString(rank.getValue())));
            }
            long now = tracking.clock().millis();
            var metrics = new ArrayList<MetricPoint>();
            finish.metrics().forEach((k, v) -> metrics.add(new MetricPoint(k, v, now, 0)));
            what = "summary metrics of the sweep";
            local.logBatch(
                    parentRunId,
                    RunBatch.of(
                            Map.of(), metrics, Map.of(SweepTags.STATUS, finish.status().name())));
            for (ArtifactFile artifact : finish.artifacts()) {
                what = "artifact " + artifact.artifactPath() + " of the sweep";
                local.logArtifact(parentRunId, artifact.artifactPath(), artifact.file());
            }
            what = "end of the parent run";
            local.endRun(parentRunId, finish.status(), tracking.clock().millis());
        } catch (RuntimeException e) {
            throw fail(what, e);
        }
        mirrorSweep();
        return report();
    }

    /**
     * Returns what has been tracked so far.
     *
     * @return the report
     */
    public synchronized SweepLogReport report() {
        Optional<String> mirrorUri = tracking.mirror().map(m -> m.uri().value());
        boolean mirrored = mirrorUri.isPresent() && !mirrorMissedSomething;
        return new SweepLogReport(
                tracking.local().location().toString(),
                Optional.ofNullable(parentRunId),
                children,
                mirrorUri,
                mirrored,
                problems,
                Optional.ofNullable(mirrorParentRunId));
    }

    /**
     * Closes the stores; a sweep not {@link #finish finished} (and not failed) is ended as KILLED,
     * so that a rerun with the same sweep id resumes it.
     *
     * @throws TrackingException if the local store cannot record that
     */
    @Override
    public synchronized void close() {
        try {
            if (!finished && !failed && parentRunId != null) {
                finished = true;
                try {
                    tracking.local()
                            .setTags(
                                    parentRunId, Map.of(SweepTags.STATUS, RunStatus.KILLED.name()));
                    tracking.local()
                            .endRun(parentRunId, RunStatus.KILLED, tracking.clock().millis());
                } catch (RuntimeException e) {
                    throw fail("end of the interrupted sweep", e);
                }
                mirrorSweep();
            }
        } finally {
            tracking.local().releaseSpace();
            tracking.close();
        }
    }

    private void requireOpen() {
        if (failed) {
            throw new IllegalStateException(
                    "sweep "
                            + start.sweepId()
                            + ": the local MLflow store "
                            + tracking.local().location()
                            + " could not be written earlier; nothing more is logged");
        }
    }

    /**
     * After a failed write of the local store: frees the reserve, marks the parent run FAILED with
     * the reason (or, if even that cannot be written, leaves it RUNNING with its writer recorded,
     * which `frontier sync` refuses as the run of a dead sweep), and returns the exception to
     * throw.
     */
    private TrackingException fail(String what, RuntimeException cause) {
        failed = true;
        LocalStore local = tracking.local();
        var error =
                new TrackingException(
                        "sweep "
                                + start.sweepId()
                                + ": cannot write "
                                + what
                                + " to the local MLflow store "
                                + local.location()
                                + ": "
                                + cause.getMessage(),
                        cause);
        try {
            local.releaseSpace();
            String reason =
                    cause.getMessage() == null
                            ? cause.getClass().getSimpleName()
                            : cause.getMessage();
            local.setTags(
                    parentRunId,
                    Map.of(
                            SweepTags.STATUS,
                            RunStatus.FAILED.name(),
                            SweepTags.FAILURE_REASON,
                            reason.length() > MAX_REASON
                                    ? reason.substring(0, MAX_REASON) + "…"
                                    : reason));
            local.endRun(parentRunId, RunStatus.FAILED, tracking.clock().millis());
        } catch (RuntimeException e) {
            error.addSuppressed(e);
        }
        return error;
    }

    private void openParent() {
        LocalStore local = tracking.local();
        try {
            local.reserveSpace(RESERVE_BYTES);
            String experimentId = local.getOrCreateExperiment(start.experimentName());
            Optional<TrackedRun> previous =
                    local
                            .searchRuns(experimentId, Map.of(SweepTags.SWEEP_ID, start.sweepId()))
                            .stream()
                            .filter(r -> r.parentRunId().isEmpty())
                            .findFirst();
            if (previous.isPresent()) {
                parentRunId = previous.get().runId();
                local.endRun(parentRunId, RunStatus.RUNNING, 0);
                for (TrackedRun child :
                        local.searchRuns(
                                experimentId, Map.of(MlflowTags.PARENT_RUN_ID, parentRunId))) {
                    child.tag(SweepTags.TRIAL_ID)
                            .ifPresent(
                                    id -> {
                                        children.put(id, child.runId());
                                        existingChildren.put(id, child.status());
                                    });
                }
            } else {
                parentRunId =
                        local.createRun(
                                experimentId,
                                new NewRun(
                                        start.runName(),
                                        Optional.empty(),
                                        start.startedAtMillis() > 0
                                                ? start.startedAtMillis()
                                                : tracking.clock().millis(),
                                        Map.of(SweepTags.SWEEP_ID, start.sweepId())));
            }
            var tags = new LinkedHashMap<String, String>();
            tags.put(SweepTags.VERSION, start.frontierVersion());
            if (!start.specHash().isEmpty()) {
                tags.put(SweepTags.SPEC_HASH, start.specHash());
            }
            if (!start.gitCommit().isEmpty()) {
                tags.put(SweepTags.GIT_COMMIT, start.gitCommit());
                tags.put(SweepTags.MLFLOW_GIT_COMMIT, start.gitCommit());
            }
            tags.put(SweepTags.STATUS, RunStatus.RUNNING.name());
            local.logBatch(
                    parentRunId,
                    RunBatch.of(
                            fit(start.params(), MlflowNames.MAX_PARAM_VALUE_LENGTH),
                            List.of(),
                            tags));
            for (ArtifactFile artifact : start.artifacts()) {
                local.logArtifact(parentRunId, artifact.artifactPath(), artifact.file());
            }
        } catch (RuntimeException e) {
            failed = true;
            throw new TrackingException(
                    "sweep "
                            + start.sweepId()
                            + " ("
                            + start.experimentName()
                            + "): cannot start its parent run in the local MLflow store "
                            + local.location()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        mirror(parentRunId);
    }

    private String experimentId() {
        return tracking.local().getRun(parentRunId).experimentId();
    }

    private void mirror(String runId) {
        Optional<TrackingStore> mirror = tracking.mirror();
        if (mirror.isEmpty()) {
            return;
        }
        if (mirrorDown) {
            mirrorMissedSomething = true;
            return;
        }
        try {
            String copy = new StoreSync(tracking.local(), mirror.get()).syncRun(runId);
            if (runId.equals(parentRunId)) {
                mirrorParentRunId = copy;
            }
        } catch (RuntimeException e) {
            mirrorDown = true;
            mirrorMissedSomething = true;
            problems.add(
                    "MLflow server "
                            + mirror.get().uri()
                            + " unavailable, runs kept in "
                            + tracking.local().location()
                            + " and copied at the end of the sweep if it is back: "
                            + e.getMessage());
        }
    }

    private void mirrorSweep() {
        Optional<TrackingStore> mirror = tracking.mirror();
        if (mirror.isEmpty() || parentRunId == null) {
            return;
        }
        try {
            var sync = new StoreSync(tracking.local(), mirror.get());
            mirrorParentRunId = sync.syncRun(parentRunId);
            for (String child : children.values()) {
                sync.syncRun(child);
            }
            mirrorMissedSomething = false;
            mirrorDown = false;
        } catch (RuntimeException e) {
            mirrorMissedSomething = true;
            problems.add(
                    "copy of the sweep to MLflow server "
                            + mirror.get().uri()
                            + " incomplete: "
                            + e.getMessage());
        }
    }

    private List<MetricPoint> metricPoints(TrialRecord trial, long now) {
        var points = new ArrayList<MetricPoint>();
        trial.metrics().forEach((k, v) -> points.add(new MetricPoint(k, v, now, 0)));
        trial.curves()
                .forEach(
                        (k, values) -> {
                            for (int step = 0; step < values.size(); step++) {
                                points.add(new MetricPoint(k, values.get(step), now, step));
                            }
                        });
        return points;
    }

    private static Map<String, String> trialTags(TrialRecord trial) {
        var tags = new LinkedHashMap<String, String>();
        tags.put(SweepTags.TECHNIQUE, trial.technique());
        tags.put(SweepTags.STATUS, trial.statusName());
        if (!trial.ok()) {
            String reason = trial.failureReason();
            tags.put(
                    trial.stopped() ? SweepTags.STOP_REASON : SweepTags.FAILURE_REASON,
                    reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
        }
        return tags;
    }

    private static Map<String, String> fit(Map<String, String> params, int max) {
        var fitted = new LinkedHashMap<String, String>();
        params.forEach(
                (k, v) -> fitted.put(k, v.length() > max ? v.substring(0, max - 1) + "…" : v));
        return fitted;
    }
}
