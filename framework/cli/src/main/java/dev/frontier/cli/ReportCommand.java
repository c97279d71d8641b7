package dev.frontier.cli;

import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.store.TrackingStores;
import dev.frontier.tracking.table.RunsTable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code frontier report --from-mlflow EXPERIMENT}: the runs of an experiment as a table (either
 * store).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Read the runs of an MLflow experiment back into a table: one row per trial, params, metrics, tags.")
public final class ReportCommand implements Callable<Integer> {
    @Option(
            names = "--from-mlflow",
            required = true,
            paramLabel = "EXPERIMENT",
            description = "MLflow experiment name")
    String experiment;

    @Option(
            names = "--tracking-uri",
            description = "store to read (default: $MLFLOW_TRACKING_URI, else sqlite:///mlruns.db)")
    String uri;

    @Option(names = "--csv", description = "also write the table to this CSV file")
    Path csv;

    @Override
    public Integer call() {
        TrackingUri target =
                TrackingUri.resolve(
                        Optional.ofNullable(uri),
                        uri == null ? System.getenv() : java.util.Map.of());
        try (var store =
                TrackingStores.open(target, Path.of("").toAbsolutePath(), System.getenv())) {
            if (store.findExperiment(experiment).isEmpty()) {
                throw new UserInputException(
                        "no experiment '"
                                + experiment
                                + "' in "
                                + target.value()
                                + " (run a sweep first, or pass --tracking-uri)");
            }
            Table t = RunsTable.trials(store, experiment);
            System.out.println(t.printAll());
            if (csv != null) {
                t.write().csv(csv.toFile());
                System.out.println("written: " + csv);
            }
        }
        return 0;
    }
}
