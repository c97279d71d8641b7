package dev.frontier.tracking;

import dev.frontier.tracking.file.StoreCheck;
import java.nio.file.Path;
import java.util.List;

/**
 * A tracking store on this machine that a sweep writes first and {@code frontier sync} reads: the
 * embedded SQLite store (the default) or an MLflow file store. Besides the {@link TrackingStore}
 * calls it creates a finished run whole in one step, lists its experiments, runs and artifact
 * files, and says which runs are not whole.
 */
public interface LocalStore extends TrackingStore {

    /**
     * Returns where the store is: the file store's root directory or the SQLite database file.
     *
     * @return the absolute path
     */
    Path location();

    /**
     * Returns the active experiments, by id.
     *
     * @return the experiments
     */
    List<StoredExperiment> experiments();

    /**
     * Returns the ids of the active runs of an experiment, sorted.
     *
     * @param experimentId the experiment
     * @return the run ids
     */
    List<String> runIds(String experimentId);

    /**
     * Returns every artifact file of a run, by path.
     *
     * @param runId the run
     * @return the artifacts, sorted by path
     */
    List<StoredArtifact> artifacts(String runId);

    /**
     * Creates a run with all its content and its final status at once, so readers see the whole run
     * or nothing.
     *
     * @param experimentId the experiment
     * @param run the run's content
     * @return the new run's id
     */
    String createCompleteRun(String experimentId, CompleteRun run);

    /**
     * Replaces an existing run (e.g. one left RUNNING by an interrupted sweep) by a complete one
     * with the same id, at once; the old content is discarded.
     *
     * @param runId the run to replace
     * @param run its new content
     */
    void replaceRun(String runId, CompleteRun run);

    /**
     * Checks the store before a sync: removes leftovers of writers that are gone and lists the runs
     * that must not be pushed (still RUNNING, or cut short).
     *
     * @return what was found and repaired
     */
    StoreCheck check();

    /**
     * Sets aside {@code bytes} of disk next to the store, so that after a write fails on a full
     * disk, {@link #releaseSpace} makes room for the few small writes that mark a run FAILED.
     *
     * @param bytes how much to set aside
     * @throws TrackingException if the space is not there, naming the file
     */
    void reserveSpace(int bytes);

    /** Deletes the reserve of {@link #reserveSpace}, if any. */
    void releaseSpace();
}
