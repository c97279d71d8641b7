package dev.frontier.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The persisted result of one trial repeat ({@code trials/<id>-r<repeat>.yaml}): status, failure
 * reason, parameters, metrics, facts (runtime, kernel precision, model file) and provenance. Only OK
 * records are reused by a rerun; failed trials are tried again.
 */
public record TrialRecord(String trialId, int repeat, String name, String technique, boolean ok, String failure,
        Map<String, String> params, Map<String, Double> metrics, Map<String, String> facts, Map<String, String> provenance) {

    public TrialRecord {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Writes the record atomically. */
    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_id", trialId);
        m.put("repeat", repeat);
        m.put("name", name);
        m.put("technique", technique);
        m.put("status", ok ? "OK" : "FAILED");
        m.put("failure", failure);
        m.put("params", new LinkedHashMap<>(params));
        m.put("metrics", new LinkedHashMap<>(metrics));
        m.put("facts", new LinkedHashMap<>(facts));
        m.put("provenance", new LinkedHashMap<>(provenance));
        dev.frontier.analysis.AtomicFiles.writeString(file, Yaml.dump(m));
    }

    /** Reads a record written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static TrialRecord read(Path file) throws IOException {
        Map<String, Object> m = Yaml.load(Files.readString(file), file.toString());
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("metrics")).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
        return new TrialRecord((String) m.get("trial_id"), ((Number) m.get("repeat")).intValue(), (String) m.get("name"),
                (String) m.get("technique"), "OK".equals(m.get("status")), (String) m.get("failure"),
                strings((Map<String, Object>) m.get("params")), metrics, strings((Map<String, Object>) m.get("facts")),
                strings((Map<String, Object>) m.get("provenance")));
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
