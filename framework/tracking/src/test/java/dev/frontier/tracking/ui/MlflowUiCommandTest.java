package dev.frontier.tracking.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowUiCommandTest {

    @Test
    void loopback_buildsMlflowUiOnAbsoluteStoreWithFileStoreAllowed() {
        MlflowUiCommand ui = MlflowUiCommand.loopback(Path.of("/data/runs/../mlruns"), 5055);
        assertEquals(
                List.of(
                        "mlflow",
                        "ui",
                        "--backend-store-uri",
                        "/data/mlruns",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "5055"),
                ui.command());
        assertEquals("true", ui.processBuilder().environment().get("MLFLOW_ALLOW_FILE_STORE"));
        assertEquals("http://127.0.0.1:5055", ui.address().toString());
        assertEquals(
                "http://127.0.0.1:5055/#/experiments?workflowType=machine_learning",
                ui.runsAddress().toString());
    }

    @Test
    void loopback_opensASqliteDatabase_withItsArtifactFolder_andNoFileStoreOptOut() {
        MlflowUiCommand ui = MlflowUiCommand.loopback(Path.of("/data/runs/../mlruns.db"), 5055);
        assertEquals(
                List.of(
                        "mlflow",
                        "ui",
                        "--backend-store-uri",
                        "sqlite:////data/mlruns.db",
                        "--default-artifact-root",
                        "file:///data/mlruns-artifacts",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "5055"),
                ui.command());
        assertEquals(Map.of(), ui.environment());
    }

    @Test
    void loopback_runsTheGivenExecutable() {
        MlflowUiCommand ui =
                MlflowUiCommand.loopback(
                        Path.of("/data/mlruns"), 5000, Path.of("/repo/.mlflow-venv/bin/mlflow"));
        assertEquals(
                List.of(
                        "/repo/.mlflow-venv/bin/mlflow",
                        "ui",
                        "--backend-store-uri",
                        "/data/mlruns",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "5000"),
                ui.command());
    }

    @Test
    void constructor_rejectsPortOutOfRange() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MlflowUiCommand.loopback(Path.of("m"), 70000));
    }
}
