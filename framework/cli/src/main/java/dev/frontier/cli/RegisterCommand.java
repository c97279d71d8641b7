package dev.frontier.cli;

import dev.frontier.tracking.ModelVersionRef;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.store.TrackingStores;
import dev.frontier.tracking.sweep.SweepTags;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frontier register SWEEP TRIAL}: the trial's model files (its child run's {@code model}
 * folder: the Frontier file and the ONNX export) become a new version in the MLflow Model Registry,
 * tagged with its figures and parameters. A sweep registers its knee point by itself.
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Register a trial's model files (Frontier file + ONNX) as a new version in the MLflow Model",
            "Registry, tagged with its figures. Every sweep registers its knee point by itself."
        })
public final class RegisterCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP", description = "the sweep's MLflow experiment")
    String experiment;

    @Parameters(index = "1", paramLabel = "TRIAL", description = "the trial id, e.g. t07")
    String trial;

    @Option(
            names = "--name",
            description = "registered model name (default: the experiment's name)")
    String name;

    @Option(
            names = "--tracking-uri",
            description = "store to use (default: $MLFLOW_TRACKING_URI, else sqlite:///mlruns.db)")
    String uri;

    @Override
    public Integer call() {
        TrackingUri target =
                TrackingUri.resolve(
                        Optional.ofNullable(uri), uri == null ? System.getenv() : Map.of());
        try (var store =
                TrackingStores.open(target, Path.of("").toAbsolutePath(), System.getenv())) {
            String experimentId =
                    store.findExperiment(experiment)
                            .orElseThrow(
                                    () ->
                                            new UserInputException(
                                                    "no experiment '"
                                                            + experiment
                                                            + "' in "
                                                            + target.value()
                                                            + " (the sweep's name; or pass"
                                                            + " --tracking-uri)"));
            List<TrackedRun> runs =
                    store.searchRuns(experimentId, Map.of(SweepTags.TRIAL_ID, trial));
            if (runs.isEmpty()) {
                throw new UserInputException(
                        "no run of trial '"
                                + trial
                                + "' in experiment '"
                                + experiment
                                + "' of "
                                + target.value()
                                + " (trial ids are the first column of the sweep's results)");
            }
            TrackedRun run = runs.get(runs.size() - 1); // the newest
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("sweep", experiment);
            tags.put("trial_id", trial);
            run.metrics().forEach((k, v) -> tags.put(k, String.valueOf(v)));
            run.params().forEach((k, v) -> tags.put("param." + k, v));
            String model = name != null ? name : experiment;
            ModelVersionRef v =
                    store.registerModelVersion(
                            model,
                            run.runId(),
                            "model",
                            tags,
                            "chosen: trial "
                                    + trial
                                    + " ("
                                    + run.runName()
                                    + ") of sweep "
                                    + experiment);
            System.out.println(
                    "registered model '"
                            + v.name()
                            + "' version "
                            + v.version()
                            + " from run "
                            + v.runId()
                            + " ("
                            + run.runName()
                            + ") in "
                            + target.value()
                            + ": models:/"
                            + v.name()
                            + "/"
                            + v.version());
        }
        return 0;
    }
}
