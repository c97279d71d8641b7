package dev.frontier.tracking.table;

import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Turns runs into a Tablesaw table: {@code run_id}, {@code run_name}, {@code status}, {@code
 * parent_run_id}, then one column per param ({@code params.<key>}, text), metric ({@code
 * metrics.<key>}, double, missing when missing) and non-system tag ({@code tags.<key>}), in
 * first-seen order — the columns of {@code mlflow.search_runs}.
 */
public final class RunsTable {

    private RunsTable() {}

    /**
     * Reads the child runs (the trials) of every sweep of an experiment from a store.
     *
     * @param store the store
     * @param experimentName the experiment
     * @return one row per child run, oldest first
     * @throws TrackingException if the experiment does not exist
     */
    public static Table trials(TrackingStore store, String experimentName) {
        String id =
                store.findExperiment(experimentName)
                        .orElseThrow(
                                () ->
                                        new TrackingException(
                                                "no experiment '"
                                                        + experimentName
                                                        + "' in "
                                                        + store.uri()));
        return of(
                experimentName,
                store.searchRuns(id, Map.of()).stream()
                        .filter(r -> r.parentRunId().isPresent())
                        .toList());
    }

    /**
     * Returns the runs as a table.
     *
     * @param name the table's name
     * @param runs the runs, one row each
     * @return the table
     */
    public static Table of(String name, List<TrackedRun> runs) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        Set<String> tags = new LinkedHashSet<>();
        for (TrackedRun run : runs) {
            params.addAll(run.params().keySet());
            metrics.addAll(run.metrics().keySet());
            run.tags().keySet().stream()
                    .filter(k -> !k.startsWith("mlflow.") && !k.equals(MlflowTags.SOURCE_RUN_ID))
                    .forEach(tags::add);
        }
        Table table =
                Table.create(
                        name,
                        StringColumn.create("run_id", runs.stream().map(TrackedRun::runId)),
                        StringColumn.create("run_name", runs.stream().map(TrackedRun::runName)),
                        StringColumn.create("status", runs.stream().map(r -> r.status().name())),
                        StringColumn.create(
                                "parent_run_id",
                                runs.stream().map(r -> r.parentRunId().orElse(""))));
        for (String key : params) {
            table.addColumns(
                    StringColumn.create(
                            "params." + key,
                            runs.stream().map(r -> r.params().getOrDefault(key, ""))));
        }
        for (String key : metrics) {
            table.addColumns(
                    DoubleColumn.create(
                            "metrics." + key,
                            runs.stream()
                                    .mapToDouble(r -> r.metrics().getOrDefault(key, Double.NaN))));
        }
        for (String key : tags) {
            table.addColumns(
                    StringColumn.create(
                            "tags." + key, runs.stream().map(r -> r.tags().getOrDefault(key, ""))));
        }
        return table;
    }
}
