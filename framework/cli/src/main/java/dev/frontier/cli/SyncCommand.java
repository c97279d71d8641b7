package dev.frontier.cli;

import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.store.TrackingStores;
import dev.frontier.tracking.sync.StoreSync;
import dev.frontier.tracking.sync.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frontier sync}: pushes runs kept in a local MLflow store (the SQLite database or a file
 * store) to a tracking server, without duplicates.
 */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Push the runs of a local MLflow store (a SQLite database such as ./mlruns.db, or a file store",
            "directory such as ./mlruns) to a tracking server (or another store).",
            "Idempotent: runs already there are recognised and left alone; run it as often as you like."
        })
public final class SyncCommand implements Callable<Integer> {
    @Option(
            names = "--from",
            defaultValue = "mlruns.db",
            description =
                    "local SQLite database or file store directory (default: ${DEFAULT-VALUE})")
    Path from;

    @Option(names = "--to", description = "target tracking URI (default: $MLFLOW_TRACKING_URI)")
    String to;

    @Option(names = "--experiment", description = "only this experiment (default: all)")
    String experiment;

    @Override
    public Integer call() {
        if (!Files.exists(from)) {
            throw new UserInputException(
                    "--from "
                            + from
                            + ": no such database or directory (a sweep keeps its runs in ./mlruns.db,"
                            + " in <run dir>/mlruns when a server was configured, and stores from"
                            + " before mlruns.db in ./mlruns)");
        }
        TrackingUri target =
                TrackingUri.resolve(
                        Optional.ofNullable(to), to == null ? System.getenv() : java.util.Map.of());
        if (target.equals(TrackingUri.DEFAULT) && to == null) {
            throw new UserInputException(
                    "no target: pass --to http://host:port or set MLFLOW_TRACKING_URI");
        }
        try (LocalStore source = TrackingStores.openPath(from);
                var dest =
                        TrackingStores.open(
                                target, Path.of("").toAbsolutePath(), System.getenv())) {
            StoreSync sync = new StoreSync(source, dest);
            SyncReport r = experiment == null ? sync.syncAll() : sync.syncExperiment(experiment);
            System.out.println("synced " + from + " -> " + target.value() + ": " + r);
        }
        return 0;
    }
}
