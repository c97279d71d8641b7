package dev.frontier.tracking.sync;

import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.StoredExperiment;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.file.StoreCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies runs from a local store (SQLite or file) to a target store, idempotently: each copy
 * carries the tag {@value MlflowTags#SOURCE_RUN_ID} with the source run's id and {@value
 * #DIGEST_TAG} with a digest of its params, metrics, artifacts and status, set last. A second sync
 * finds the copy by the first tag, skips it when the digest matches, updates only tags when only
 * tags changed, and otherwise re-sends the run (which the target stores once: equal params and
 * identical metric points are not duplicated). Parents are synced before their children, whose
 * {@code mlflow.parentRunId} is mapped to the copy.
 *
 * <p>{@link #syncAll} and {@link #syncExperiment} first check the source ({@link StoreCheck}):
 * leftovers of writers that are gone are removed, and partial runs (no meta.yaml, empty or
 * malformed metric files, still RUNNING) and their children are refused: everything else is pushed,
 * then a {@link TrackingException} names each refused run and why. Partial runs are never pushed
 * silently.
 */
public final class StoreSync {

    /** Tag holding the digest of a synced run's content; written after everything else. */
    public static final String DIGEST_TAG = "frontier.sync_digest";

    private static final List<String> NOT_COPIED =
            List.of(
                    MlflowTags.RUN_NAME,
                    MlflowTags.PARENT_RUN_ID,
                    MlflowTags.SOURCE_RUN_ID,
                    DIGEST_TAG,
                    "frontier.create_token",
                    MlflowTags.WRITER);

    private final LocalStore source;
    private final TrackingStore target;
    private final Map<String, String> experimentNames = new HashMap<>();
    private final Map<String, String> targetExperiments = new HashMap<>();
    private final Map<String, String> copies = new HashMap<>();

    /**
     * Creates a sync from {@code source} to {@code target}.
     *
     * @param source the local store to read (SQLite or file)
     * @param target the store to write, e.g. a {@code RestStore}
     */
    public StoreSync(LocalStore source, TrackingStore target) {
        this.source = Objects.requireNonNull(source, "source");
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * Syncs every run of every experiment of the source.
     *
     * @return what was done
     * @throws TrackingException at the first failure, saying how far it got; running it again
     *     resumes
     */
    public SyncReport syncAll() {
        var counts = new Counts(source.check());
        for (StoredExperiment experiment : source.experiments()) {
            syncExperiment(experiment, counts);
        }
        return counts.finish();
    }

    /**
     * Syncs every run of one experiment of the source.
     *
     * @param experimentName the experiment's name
     * @return what was done
     */
    public SyncReport syncExperiment(String experimentName) {
        StoredExperiment experiment =
                source.experiments().stream()
                        .filter(e -> e.name().equals(experimentName))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new TrackingException(
                                                "local store "
                                                        + source.location()
                                                        + " has no experiment '"
                                                        + experimentName
                                                        + "'; it has "
                                                        + source.experiments().stream()
                                                                .map(StoredExperiment::name)
                                                                .toList()));
        var counts = new Counts(source.check());
        syncExperiment(experiment, counts);
        return counts.finish();
    }

    /**
     * Syncs one run (and its parent first, if it has one).
     *
     * @param sourceRunId the run's id in the source store
     * @return the id of its copy in the target
     */
    public String syncRun(String sourceRunId) {
        return syncRun(source.getRun(sourceRunId), new Counts(null));
    }

    private void syncExperiment(StoredExperiment experiment, Counts counts) {
        experimentNames.put(experiment.experimentId(), experiment.name());
        Map<String, StoreCheck.PartialRun> partial = counts.check.partialRuns();
        partial.values().stream()
                .filter(p -> p.experimentId().equals(experiment.experimentId()))
                .forEach(p -> counts.refused.add(p.toString()));
        var runs = new ArrayList<TrackedRun>();
        for (String runId : source.runIds(experiment.experimentId())) {
            if (!partial.containsKey(runId)) {
                runs.add(source.getRun(runId));
            }
        }
        runs.sort(
                java.util.Comparator.comparingLong(TrackedRun::startTimeMillis)
                        .thenComparing(TrackedRun::runId));
        var refusedParents = new java.util.HashSet<>(partial.keySet());
        var healthy = new ArrayList<TrackedRun>();
        for (TrackedRun run : runs) { // oldest first: a parent comes before its children
            Optional<String> parent = run.parentRunId();
            if (parent.isPresent() && refusedParents.contains(parent.get())) {
                refusedParents.add(run.runId());
                counts.refused.add(
                        new StoreCheck.PartialRun(
                                        experiment.experimentId(),
                                        run.runId(),
                                        run.runName(),
                                        "its parent run " + parent.get() + " is refused")
                                .toString());
            } else {
                healthy.add(run);
            }
        }
        runs = healthy;
        int done = 0;
        for (TrackedRun run : runs) {
            try {
                syncRun(run, counts);
            } catch (RuntimeException e) {
                throw new TrackingException(
                        "sync of experiment '"
                                + experiment.name()
                                + "' from "
                                + source.location()
                                + " to "
                                + target.uri()
                                + " stopped after "
                                + done
                                + " of "
                                + runs.size()
                                + " runs ("
                                + counts.report()
                                + "); running it again resumes: "
                                + e.getMessage(),
                        e);
            }
            done++;
        }
    }

    private String syncRun(TrackedRun run, Counts counts) {
        String known = copies.get(run.runId());
        if (known != null) {
            return known;
        }
        Optional<String> parentCopy =
                run.parentRunId().map(parent -> syncRun(source.getRun(parent), counts));
        String experimentId = targetExperiment(run.experimentId());
        Map<String, String> tags = copiedTags(run, parentCopy);
        String digest = digest(run);
        Optional<TrackedRun> existing =
                target
                        .searchRuns(experimentId, Map.of(MlflowTags.SOURCE_RUN_ID, run.runId()))
                        .stream()
                        .findFirst();
        String copyId;
        if (existing.isPresent() && digest.equals(existing.get().tags().get(DIGEST_TAG))) {
            copyId = existing.get().runId();
            Map<String, String> changed = new LinkedHashMap<>();
            tags.forEach(
                    (k, v) -> {
                        if (!v.equals(existing.get().tags().get(k))) {
                            changed.put(k, v);
                        }
                    });
            if (changed.isEmpty()) {
                counts.unchanged++;
            } else {
                target.setTags(copyId, changed);
                counts.tagsOnly++;
            }
        } else {
            if (existing.isPresent()) {
                copyId = existing.get().runId();
                counts.updated++;
            } else {
                NewRun newRun =
                        new NewRun(
                                run.runName(),
                                parentCopy,
                                run.startTimeMillis(),
                                Map.of(MlflowTags.SOURCE_RUN_ID, run.runId()));
                copyId = target.createRun(experimentId, newRun);
                counts.created++;
            }
            pushContent(run, copyId, tags);
            target.setTags(copyId, Map.of(DIGEST_TAG, digest));
        }
        copies.put(run.runId(), copyId);
        return copyId;
    }

    private void pushContent(TrackedRun run, String copyId, Map<String, String> tags) {
        var metrics = new ArrayList<MetricPoint>();
        for (String key : run.metrics().keySet()) {
            metrics.addAll(source.metricHistory(run.runId(), key));
        }
        target.logBatch(copyId, RunBatch.of(run.params(), metrics, tags));
        for (StoredArtifact artifact : source.artifacts(run.runId())) {
            target.logArtifact(copyId, artifact.artifactPath(), artifact.file());
        }
        target.endRun(copyId, run.status(), run.endTimeMillis().orElse(run.startTimeMillis()));
    }

    private Map<String, String> copiedTags(TrackedRun run, Optional<String> parentCopy) {
        var tags = new LinkedHashMap<String, String>();
        run.tags()
                .forEach(
                        (k, v) -> {
                            if (!NOT_COPIED.contains(k)) {
                                tags.put(k, v);
                            }
                        });
        tags.put(MlflowTags.RUN_NAME, run.runName());
        parentCopy.ifPresent(p -> tags.put(MlflowTags.PARENT_RUN_ID, p));
        tags.put(MlflowTags.SOURCE_RUN_ID, run.runId());
        return tags;
    }

    private String targetExperiment(String sourceExperimentId) {
        return targetExperiments.computeIfAbsent(
                sourceExperimentId,
                id -> {
                    String name =
                            experimentNames.computeIfAbsent(
                                    id,
                                    missing ->
                                            source.experiments().stream()
                                                    .filter(e -> e.experimentId().equals(missing))
                                                    .map(StoredExperiment::name)
                                                    .findFirst()
                                                    .orElseThrow(
                                                            () ->
                                                                    new TrackingException(
                                                                            "local store "
                                                                                    + source
                                                                                            .location()
                                                                                    + " has no experiment "
                                                                                    + missing)));
                    return target.getOrCreateExperiment(name);
                });
    }

    /**
     * Digest of what a run holds apart from its tags: status, end time, params, metric histories,
     * artifacts.
     */
    private String digest(TrackedRun run) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        var text = new StringBuilder();
        text.append(run.status()).append('|').append(run.endTimeMillis()).append('\n');
        new java.util.TreeMap<>(run.params())
                .forEach((k, v) -> text.append("p ").append(k).append('=').append(v).append('\n'));
        for (String key : new java.util.TreeSet<>(run.metrics().keySet())) {
            for (MetricPoint p : source.metricHistory(run.runId(), key)) {
                text.append("m ")
                        .append(key)
                        .append(' ')
                        .append(p.timestampMillis())
                        .append(' ')
                        .append(p.value())
                        .append(' ')
                        .append(p.step())
                        .append('\n');
            }
        }
        for (StoredArtifact a : source.artifacts(run.runId())) {
            try {
                text.append("a ")
                        .append(a.artifactPath())
                        .append(' ')
                        .append(Files.size(a.file()))
                        .append(' ')
                        .append(Files.getLastModifiedTime(a.file()).toMillis())
                        .append('\n');
            } catch (IOException e) {
                throw new TrackingException(
                        "sync: cannot read artifact "
                                + a.file()
                                + " of run "
                                + run.runId()
                                + ": "
                                + e,
                        e);
            }
        }
        return HexFormat.of()
                .formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }

    private final class Counts {
        final StoreCheck check;
        final List<String> refused = new ArrayList<>();
        int created;
        int updated;
        int tagsOnly;
        int unchanged;

        Counts(StoreCheck check) {
            this.check = check;
        }

        SyncReport report() {
            return new SyncReport(
                    created,
                    updated,
                    tagsOnly,
                    unchanged,
                    refused,
                    check == null ? List.of() : check.repaired());
        }

        /** The report, or a failure naming every refused run once the rest is pushed. */
        SyncReport finish() {
            SyncReport report = report();
            if (!refused.isEmpty()) {
                throw new TrackingException(
                        "refused "
                                + refused.size()
                                + " partial run"
                                + (refused.size() == 1 ? "" : "s")
                                + " of "
                                + source.location()
                                + " (pushed the rest: "
                                + report
                                + "): "
                                + String.join("; ", refused));
            }
            return report;
        }
    }
}
