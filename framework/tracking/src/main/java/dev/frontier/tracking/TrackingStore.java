package dev.frontier.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where MLflow experiments and runs are written and read: an embedded file store or a real MLflow
 * server. Every method either does what it says or throws {@link TrackingException} naming the
 * store, the run and what was being written.
 */
public interface TrackingStore extends AutoCloseable {

    /**
     * Returns the tracking URI this store writes to.
     *
     * @return the URI
     */
    TrackingUri uri();

    /**
     * Returns the id of the active experiment with this name.
     *
     * @param name the experiment name
     * @return its id, or empty if there is none
     */
    Optional<String> findExperiment(String name);

    /**
     * Returns the id of the experiment with this name, creating it if needed.
     *
     * @param name the experiment name
     * @return its id
     */
    String getOrCreateExperiment(String name);

    /**
     * Creates a run in state RUNNING.
     *
     * @param experimentId the experiment
     * @param run its name, parent and initial tags
     * @return the new run's id
     */
    String createRun(String experimentId, NewRun run);

    /**
     * Logs params, metric points and tags to a run. Logging a param again with the same value, or a
     * metric point identical to one already logged, changes nothing; a param with a different value
     * fails.
     *
     * @param runId the run
     * @param batch what to log
     */
    void logBatch(String runId, RunBatch batch);

    /**
     * Sets tags on a run (also on a finished run), replacing values of equal names.
     *
     * @param runId the run
     * @param tags the tags
     */
    default void setTags(String runId, Map<String, String> tags) {
        logBatch(runId, RunBatch.ofTags(tags));
    }

    /**
     * Stores a file as the run's artifact at {@code artifactPath} (e.g. {@code model/model.fqz}),
     * replacing any artifact at that path.
     *
     * @param runId the run
     * @param artifactPath relative path under the run's artifact root
     * @param file the local file
     */
    void logArtifact(String runId, String artifactPath, Path file);

    /**
     * The versions of registered model {@code name} made from run {@code runId}, oldest first
     * (empty where the store keeps no registry or has no such model).
     */
    default java.util.List<ModelVersionRef> modelVersions(String name, String runId) {
        return java.util.List.of();
    }

    /**
     * Registers a run's artifact folder as a new version of a model in the MLflow Model Registry,
     * creating the registered model if it does not exist yet.
     *
     * @param name the registered model's name
     * @param runId the run whose artifacts the version holds
     * @param artifactPath the folder of the run's artifacts holding the model files (e.g. {@code
     *     model})
     * @param tags the version's tags (its figures and configuration)
     * @param description one line shown in the registry
     * @return the new version
     * @throws TrackingException if this store keeps no registry
     */
    default ModelVersionRef registerModelVersion(
            String name,
            String runId,
            String artifactPath,
            Map<String, String> tags,
            String description) {
        throw new TrackingException(
                uri()
                        + " keeps no model registry; register from a tracking server"
                        + " (tracking.uri: http://...) or the embedded SQLite store");
    }

    /**
     * Ends a run.
     *
     * @param runId the run
     * @param status the final status (or RUNNING to reopen it)
     * @param endTimeMillis when it ended
     */
    void endRun(String runId, RunStatus status, long endTimeMillis);

    /**
     * Reads a run.
     *
     * @param runId the run
     * @return the run
     */
    TrackedRun getRun(String runId);

    /**
     * Returns the active runs of an experiment whose tags include all of {@code tagsEqual}, oldest
     * first.
     *
     * @param experimentId the experiment
     * @param tagsEqual tag values to match; empty for every run
     * @return the matching runs
     */
    List<TrackedRun> searchRuns(String experimentId, Map<String, String> tagsEqual);

    /**
     * Returns every logged point of one metric of a run, in logging order.
     *
     * @param runId the run
     * @param key the metric name
     * @return the points; empty if the metric was never logged
     */
    List<MetricPoint> metricHistory(String runId, String key);

    /** Releases connections; the store must not be used afterwards. */
    @Override
    void close();
}
