package dev.frontier.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    void resolve_defaultsToMlrunsInWorkingDirectory() {
        TrackingUri uri = TrackingUri.resolve(Optional.empty(), Map.of());
        assertEquals("file:./mlruns", uri.value());
        assertEquals(Path.of("/work/x/mlruns"), uri.directory(Path.of("/work/x")));
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
    void constructor_rejectsDatabaseSchemeAndSuggestsServer() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new TrackingUri("sqlite:///mlflow.db"));
        assertTrue(
                e.getMessage().contains("mlflow server --backend-store-uri sqlite:///mlflow.db"),
                e.getMessage());
    }

    @Test
    void serverBase_dropsTrailingSlash() {
        assertEquals(
                "http://host:5000", new TrackingUri("http://host:5000/").serverBase().toString());
    }
}
