package dev.frontier.cli;

import dev.frontier.data.DataLocator;
import dev.frontier.tracking.ui.MlflowInstall;
import dev.frontier.tracking.ui.MlflowUiCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frontier ui}: starts the MLflow UI on the embedded store and prints its address. */
@Command(
        name = "ui",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start the MLflow UI on a local store and print its address: the SQLite database a sweep writes",
            "(./mlruns.db, opened as sqlite:///...) or an older file store directory (./mlruns, opened with",
            "MLFLOW_ALLOW_FILE_STORE=true, which MLflow 3 needs for it). Uses the repository's pinned MLflow",
            "(.mlflow-venv, made by './frontier setup mlflow'), else mlflow on PATH. Stop it with Ctrl-C."
        })
public final class UiCommand implements Callable<Integer> {
    @Option(
            names = "--store",
            defaultValue = "mlruns.db",
            description = "SQLite database or file store directory (default: ${DEFAULT-VALUE})")
    Path store;

    @Option(
            names = "--port",
            defaultValue = "5000",
            description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(store)) {
            throw new UserInputException(
                    "--store "
                            + store
                            + ": no such database or directory; run a sweep first ('./frontier run "
                            + "experiments/quickstart.yaml') or pass the store of a run"
                            + " (--store mlruns for a file store made before mlruns.db)");
        }
        Path repo = DataLocator.repoRoot();
        Path mlflow =
                MlflowInstall.find(repo, System.getenv("PATH"))
                        .orElseThrow(
                                () ->
                                        new UserInputException(
                                                MlflowInstall.notInstalledMessage(repo)));
        MlflowUiCommand ui = MlflowUiCommand.loopback(store.toAbsolutePath(), port, mlflow);
        System.out.println(
                "MLflow UI on "
                        + ui.address()
                        + " (store "
                        + store.toAbsolutePath()
                        + "); runs view: "
                        + ui.runsAddress()
                        + "; Ctrl-C stops it");
        Process p;
        try {
            p = ui.processBuilder().inheritIO().start();
        } catch (java.io.IOException e) {
            throw new UserInputException(
                    "cannot start '"
                            + String.join(" ", ui.command())
                            + "': "
                            + e.getMessage()
                            + ". (Re)install the pinned MLflow with: cd "
                            + repo
                            + " && "
                            + MlflowInstall.SETUP_COMMAND);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return p.waitFor();
    }
}
