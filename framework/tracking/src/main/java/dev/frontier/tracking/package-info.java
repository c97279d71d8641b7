/**
 * The tracking API: a {@link dev.frontier.tracking.TrackingStore} that MLflow runs are written to
 * and read from, the values it takes ({@link dev.frontier.tracking.MetricPoint}, {@link
 * dev.frontier.tracking.RunBatch}, {@link dev.frontier.tracking.NewRun}), what it returns ({@link
 * dev.frontier.tracking.TrackedRun}) and where it points ({@link
 * dev.frontier.tracking.TrackingUri}).
 *
 * <p>Implementations live apart: {@code sqlite} (the default) writes a SQLite database in MLflow's
 * own schema, {@code file} writes MLflow's file-store layout, both with no Python, and {@code rest}
 * talks to a real MLflow server; the two on this machine are {@link
 * dev.frontier.tracking.LocalStore}s. {@code sweep} maps a sweep onto a parent run with one child
 * run per trial, {@code sync} pushes a local store to a server without duplicates, {@code table}
 * reads runs into a Tablesaw table and {@code ui} builds the {@code mlflow ui} command for a local
 * store.
 *
 * <pre>{@code
 * try (TrackingStore store = TrackingStores.open(TrackingUri.resolve(Optional.empty(), System.getenv()),
 *     Path.of("."), System.getenv())) {
 *   String experimentId = store.getOrCreateExperiment("mnist-compression");
 *   String runId = store.createRun(experimentId, NewRun.named("T4-r0.9-b4", clock.millis()));
 *   store.logBatch(runId, RunBatch.of(Map.of("prune.ratio", "0.9"),
 *       List.of(new MetricPoint("accuracy", 0.91, clock.millis(), 0)), Map.of()));
 *   store.endRun(runId, RunStatus.FINISHED, clock.millis());
 * }
 * }</pre>
 */
package dev.frontier.tracking;
