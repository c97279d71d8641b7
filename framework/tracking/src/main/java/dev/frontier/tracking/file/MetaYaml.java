package dev.frontier.tracking.file;

import dev.frontier.tracking.TrackingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** Reads and writes the {@code meta.yaml} files of an MLflow file store. */
final class MetaYaml {

    private MetaYaml() {}

    static String dump(Map<String, Object> fields) {
        var settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(fields);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TrackingException("MLflow file store: " + file + " is missing", e);
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow file store: cannot read " + file + ": " + e.getMessage(), e);
        }
        Object loaded;
        try {
            loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
        } catch (RuntimeException e) {
            throw new TrackingException(
                    "MLflow file store: " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        if (!(loaded instanceof Map)) {
            throw new TrackingException("MLflow file store: " + file + " does not hold a mapping");
        }
        return new LinkedHashMap<>((Map<String, Object>) loaded);
    }

    static String string(Map<String, Object> fields, String key, Path file) {
        Object value = fields.get(key);
        if (value == null) {
            throw new TrackingException("MLflow file store: " + file + " has no '" + key + "'");
        }
        return value.toString();
    }

    static long number(Map<String, Object> fields, String key, long fallback, Path file) {
        Object value = fields.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new TrackingException(
                "MLflow file store: " + file + " has non-numeric '" + key + "': " + value);
    }
}
