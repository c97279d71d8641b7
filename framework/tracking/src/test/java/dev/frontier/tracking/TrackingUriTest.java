package dev.frontier.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingUriTest {

    @Test
    void resolve_environmentOverridesConfig() {
        TrackingUri uri =
                TrackingUri.resolve(
                        Optional.of("file:./elsewhere"),
                        Map.of("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"));
        assertEquals("http://127.0.0.1:5000", uri.value());
        assertTrue(uri.isHttp());
    }

    @Test
    void resolve_configUsedWhenEnvironmentUnsetOrBlank() {
        assertEquals(
                "file:/data/mlruns",
                TrackingUri.resolve(Optional.of("file:/data/mlruns"), Map.of()).value());
        assertEquals(
                "file:/data/mlruns",
                TrackingUri.resolve(
                                Optional.of("file:/data/mlruns"),
                                Map.of("MLFLOW_TRACKING_URI", " "))
                        .value());
    }

    @Test
    void resolve_defaultsToSqliteDatabaseInWorkingDirectory() {
        TrackingUri uri = TrackingUri.resolve(Optional.empty(), Map.of());
        assertEquals("sqlite:///mlruns.db", uri.value());
        assertTrue(uri.isSqlite());
        assertTrue(uri.isLocal());
        assertFalse(uri.isFile());
        assertEquals(Path.of("/work/x/mlruns.db"), uri.databaseFile(Path.of("/work/x")));
    }

    @Test
    void databaseFile_fourSlashesAreAbsolute_threeRelative() {
        assertEquals(
                Path.of("/data/m.db"),
                new TrackingUri("sqlite:////data/m.db").databaseFile(Path.of("/w")));
        assertEquals(
                Path.of("/w/runs/m.db"),
                new TrackingUri("sqlite:///runs/m.db").databaseFile(Path.of("/w")));
        TrackingUri of = TrackingUri.ofDatabase(Path.of("/data/x/../m.db"));
        assertEquals("sqlite:////data/m.db", of.value());
        assertEquals(Path.of("/data/m.db"), of.databaseFile(Path.of("/elsewhere")));
    }

    @Test
    void fileUri_isFileAndLocal_notSqlite() {
        TrackingUri uri = new TrackingUri("file:./mlruns");
        assertTrue(uri.isFile());
        assertTrue(uri.isLocal());
        assertFalse(uri.isSqlite());
        assertEquals(Path.of("/work/x/mlruns"), uri.directory(Path.of("/work/x")));
        assertThrows(IllegalStateException.class, () -> uri.databaseFile(Path.of("/w")));
        assertThrows(
                IllegalStateException.class, () -> TrackingUri.DEFAULT.directory(Path.of("/w")));
    }

    @Test
    void directory_readsAbsoluteFileUrisAndPlainPaths() {
        assertEquals(
                Path.of("/tmp/a b/mlruns"),
                new TrackingUri("file:///tmp/a%20b/mlruns").directory(Path.of("/w")));
        assertEquals(
                Path.of("/w/runs/mlruns"), new TrackingUri("runs/mlruns").directory(Path.of("/w")));
    }

    @Test
    void constructor_rejectsOtherDatabasesAndSuggestsServer() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TrackingUri("postgresql://db/mlflow"));
        assertTrue(
                e.getMessage().contains("mlflow server --backend-store-uri postgresql://db/mlflow"),
                e.getMessage());
    }

    @Test
    void constructor_rejectsSqliteUriWithoutAFile() {
        for (String bad :
                List.of("sqlite://", "sqlite:///", "sqlite:mlflow.db", "sqlite:///dir/")) {
            var e = assertThrows(IllegalArgumentException.class, () -> new TrackingUri(bad), bad);
            assertTrue(e.getMessage().contains("sqlite:///relative/path.db"), e.getMessage());
        }
    }

    @Test
    void serverBase_dropsTrailingSlash() {
        assertEquals(
                "http://host:5000", new TrackingUri("http://host:5000/").serverBase().toString());
    }
}
