package dev.frontier.exec.store;

import dev.frontier.data.Checksums;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The persisted result of one trial repeat ({@code trials/<id>-r<repeat>.yaml}): status, failure
 * reason, parameters, metrics, facts (runtime, kernel precision, model file), provenance, and the
 * {@code inputs} its figures come from (run-directory-relative path to SHA-256: the model it
 * measured, the files it wrote, the baseline's per-example correctness). The file ends with the
 * SHA-256 of everything above that line, so an edited or damaged record is detected; only OK (and,
 * in a sweep that stops trials early, STOPPED) records whose checksum and inputs check out are
 * reused by a rerun; failed trials are tried again.
 *
 * @param failure why the trial failed or was stopped; empty when OK
 */
public record TrialRecord(
        String trialId,
        int repeat,
        String name,
        String technique,
        Status status,
        String failure,
        Map<String, String> params,
        Map<String, Double> metrics,
        Map<String, String> facts,
        Map<String, String> provenance,
        Map<String, String> inputs) {

    private static final String SEAL = "sha256: ";

    /** How a trial repeat ended. */
    public enum Status {
        /** Measured. */
        OK,
        /** A stage or the measurement failed. */
        FAILED,
        /** Stopped early: trials measured before it beat it by the sweep's margin. */
        STOPPED
    }

    /** Whether the trial was measured. */
    public boolean ok() {
        return status == Status.OK;
    }

    /** Whether the trial was stopped early. */
    public boolean stopped() {
        return status == Status.STOPPED;
    }

    /** As the canonical constructor, OK or FAILED. */
    public TrialRecord(
            String trialId,
            int repeat,
            String name,
            String technique,
            boolean ok,
            String failure,
            Map<String, String> params,
            Map<String, Double> metrics,
            Map<String, String> facts,
            Map<String, String> provenance,
            Map<String, String> inputs) {
        this(
                trialId,
                repeat,
                name,
                technique,
                ok ? Status.OK : Status.FAILED,
                failure,
                params,
                metrics,
                facts,
                provenance,
                inputs);
    }

    public TrialRecord {
        java.util.Objects.requireNonNull(status, "status");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    /** A record without inputs (a failed trial). */
    public TrialRecord(
            String trialId,
            int repeat,
            String name,
            String technique,
            boolean ok,
            String failure,
            Map<String, String> params,
            Map<String, Double> metrics,
            Map<String, String> facts,
            Map<String, String> provenance) {
        this(
                trialId,
                repeat,
                name,
                technique,
                ok,
                failure,
                params,
                metrics,
                facts,
                provenance,
                Map.of());
    }

    /** This record with the checksums of {@code files} (run-directory-relative) as its inputs. */
    public TrialRecord withInputs(Path runDir, java.util.Collection<Path> files) {
        Map<String, String> in = new LinkedHashMap<>();
        for (Path f : files) {
            Path abs = runDir.resolve(f);
            in.put(runDir.relativize(abs).toString().replace('\\', '/'), Checksums.sha256(abs));
        }
        return new TrialRecord(
                trialId,
                repeat,
                name,
                technique,
                status,
                failure,
                params,
                metrics,
                facts,
                provenance,
                in);
    }

    /** Writes the record atomically, sealed with the checksum of its content. */
    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_id", trialId);
        m.put("repeat", repeat);
        m.put("name", name);
        m.put("technique", technique);
        m.put("status", status.name());
        m.put("failure", failure);
        m.put("params", new LinkedHashMap<>(params));
        m.put("metrics", new LinkedHashMap<>(metrics));
        m.put("facts", new LinkedHashMap<>(facts));
        m.put("provenance", new LinkedHashMap<>(provenance));
        m.put("inputs", new LinkedHashMap<>(inputs));
        String body = Yaml.dump(m);
        dev.frontier.analysis.AtomicFiles.writeString(
                file, body + SEAL + Checksums.sha256(body.getBytes(StandardCharsets.UTF_8)) + "\n");
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws CorruptCacheException when the file is not a complete, unedited record
     */
    @SuppressWarnings("unchecked")
    public static TrialRecord read(Path file) throws CorruptCacheException {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CorruptCacheException(file, "cannot be read: " + e.getMessage());
        }
        int seal = text.lastIndexOf(SEAL);
        if (seal < 0 || (seal > 0 && text.charAt(seal - 1) != '\n')) {
            throw new CorruptCacheException(
                    file, "has no checksum line (truncated, or written by an older Frontier)");
        }
        String body = text.substring(0, seal);
        String stored = text.substring(seal + SEAL.length()).strip();
        if (!stored.equals(Checksums.sha256(body.getBytes(StandardCharsets.UTF_8)))) {
            throw new CorruptCacheException(
                    file, "does not match its checksum (edited or damaged)");
        }
        try {
            Map<String, Object> m = Yaml.load(body, file.toString());
            Map<String, Double> metrics = new LinkedHashMap<>();
            ((Map<String, Object>) m.get("metrics"))
                    .forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
            return new TrialRecord(
                    (String) m.get("trial_id"),
                    ((Number) m.get("repeat")).intValue(),
                    (String) m.get("name"),
                    (String) m.get("technique"),
                    Status.valueOf(String.valueOf(m.get("status"))),
                    (String) m.get("failure"),
                    strings((Map<String, Object>) m.get("params")),
                    metrics,
                    strings((Map<String, Object>) m.get("facts")),
                    strings((Map<String, Object>) m.get("provenance")),
                    strings((Map<String, Object>) m.get("inputs")));
        } catch (RuntimeException e) {
            throw new CorruptCacheException(file, "is not a trial record: " + e.getMessage());
        }
    }

    /**
     * Why the record's figures are not supported by the files it names, or empty when every input
     * matches.
     */
    Optional<String> inputProblem(Path runDir) {
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            Path f = runDir.resolve(e.getKey());
            if (!Files.isRegularFile(f)) {
                return Optional.of(e.getKey() + " (measured by it) is missing");
            }
            try {
                if (!Checksums.sha256(f).equals(e.getValue())) {
                    return Optional.of(
                            e.getKey() + " is not the file it measured (checksum differs)");
                }
            } catch (RuntimeException ex) {
                return Optional.of(e.getKey() + " cannot be read: " + ex.getMessage());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }
}
