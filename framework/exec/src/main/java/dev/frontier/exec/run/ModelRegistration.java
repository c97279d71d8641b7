package dev.frontier.exec.run;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.tracking.ModelVersionRef;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.sweep.SweepTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a trial a version in the MLflow Model Registry: its child run's {@code model} folder (the
 * Frontier file and the ONNX export) with its figures and configuration as the version's tags.
 */
public final class ModelRegistration {

    private ModelRegistration() {}

    /** The version's tags: the trial's id, name, technique, figures and parameters. */
    static Map<String, String> tags(TrialOutcome trial, String sweep) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("sweep", sweep);
        t.put("trial_id", trial.trialId());
        t.put("trial", trial.name());
        t.put("technique", trial.technique());
        trial.metrics().forEach((k, v) -> t.put(k, String.valueOf(v)));
        trial.params().forEach((k, v) -> t.put("param." + k, v));
        return t;
    }

    /**
     * Registers {@code trial} of sweep {@code sweep}, logged as child run {@code runId} of {@code
     * store}, as the next version of model {@code name}.
     */
    public static ModelVersionRef register(
            TrackingStore store,
            String name,
            String runId,
            TrialOutcome trial,
            String sweep,
            String why) {
        return store.registerModelVersion(
                name,
                runId,
                "model",
                tags(trial, sweep),
                why + ": trial " + trial.trialId() + " (" + trial.name() + ") of sweep " + sweep);
    }

    /**
     * The newest child run of {@code experimentId} in {@code store} that logged trial {@code
     * trialId}.
     */
    public static Optional<String> childRun(
            TrackingStore store, String experimentId, String trialId) {
        return store.searchRuns(experimentId, Map.of(SweepTags.TRIAL_ID, trialId)).stream()
                .reduce((a, b) -> b)
                .map(r -> r.runId());
    }

    /** One line for the log. */
    static String describe(ModelVersionRef v, TrackingStore store) {
        return "registered model '"
                + v.name()
                + "' version "
                + v.version()
                + " from run "
                + v.runId()
                + " in "
                + store.uri().value()
                + " (models:/"
                + v.name()
                + "/"
                + v.version()
                + ")";
    }

    /** A registration that failed, as one line (never fatal to the sweep). */
    static String failed(TrackingException e) {
        return "model registry: not registered: " + e.getMessage();
    }
}
