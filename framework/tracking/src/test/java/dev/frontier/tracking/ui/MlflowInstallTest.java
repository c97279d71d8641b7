package dev.frontier.tracking.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowInstallTest {

    @TempDir Path dir;

    private Path executable(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(
                Files.createFile(
                        file,
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x"))),
                "#!/bin/sh\n");
    }

    @Test
    void find_prefersTheRepositoryVenvOverPath() throws Exception {
        Path repo = dir.resolve("repo");
        Path venv = executable(repo.resolve(".mlflow-venv/bin/mlflow"));
        executable(dir.resolve("usr/bin/mlflow"));
        assertEquals(
                Optional.of(venv), MlflowInstall.find(repo, dir.resolve("usr/bin").toString()));
    }

    @Test
    void find_fallsBackToTheFirstExecutableOnPath() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(
                Files.createDirectories(dir.resolve("b")).resolve("mlflow"), "not executable");
        Path onPath = executable(dir.resolve("c/mlflow"));
        String path =
                String.join(
                        File.pathSeparator,
                        "",
                        dir.resolve("a").toString(),
                        dir.resolve("b").toString(),
                        dir.resolve("c").toString());
        assertEquals(Optional.of(onPath), MlflowInstall.find(repo, path));
    }

    @Test
    void find_isEmptyWithoutVenvOrPathEntry_andTheMessageNamesTheSetupCommand() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertEquals(Optional.empty(), MlflowInstall.find(repo, dir.toString()));
        assertEquals(Optional.empty(), MlflowInstall.find(repo, null));
        String message = MlflowInstall.notInstalledMessage(repo);
        assertTrue(message.contains("cd " + repo + " && ./frontier setup mlflow"), message);
        assertTrue(message.contains("mlflow==3.17.2"), message);
    }
}
