package dev.frontier.exec.cluster;

import dev.frontier.exec.store.Yaml;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Measured stage times of a run folder (the {@code seconds} every committed stage records in its
 * {@code stage.yaml}: the stage's own computation, without a worker's start-up), and stage times
 * for another sweep's tree on paper: its planner estimates scaled by how far the measured stages of
 * the same kind were from theirs.
 */
public final class StageTimes {
    private final Map<String, Double> seconds;
    private final Map<String, String> kinds;

    private StageTimes(Map<String, Double> seconds, Map<String, String> kinds) {
        this.seconds = Map.copyOf(seconds);
        this.kinds = Map.copyOf(kinds);
    }

    /** The times of every committed stage under {@code runDir}/stages. */
    public static StageTimes read(Path runDir) throws IOException {
        Path stages = runDir.resolve("stages");
        if (!Files.isDirectory(stages)) {
            throw new IllegalArgumentException(
                    runDir + ": no stages/ folder (not a run folder, or nothing ran yet)");
        }
        Map<String, Double> seconds = new HashMap<>();
        Map<String, String> kinds = new HashMap<>();
        try (Stream<Path> s = Files.list(stages)) {
            for (Path meta :
                    s.map(p -> p.resolve("stage.yaml")).filter(Files::isRegularFile).toList()) {
                Map<String, Object> m = Yaml.load(Files.readString(meta), meta.toString());
                if (m.get("seconds") instanceof Number n && m.get("key") instanceof String key) {
                    seconds.put(key, n.doubleValue());
                    kinds.put(key, String.valueOf(m.get("kind")));
                }
            }
        }
        return new StageTimes(seconds, kinds);
    }

    /** The measured seconds by stage key. */
    public Map<String, Double> seconds() {
        return seconds;
    }

    /** The measured seconds of {@code plan}'s stages (stages not measured are left out). */
    public Map<String, Double> of(Plan plan) {
        Map<String, Double> out = new HashMap<>();
        for (Stage s : plan.stages()) {
            if (seconds.containsKey(s.key())) {
                out.put(s.key(), seconds.get(s.key()));
            }
        }
        return out;
    }

    /**
     * Measured over estimated seconds per stage kind, for the stages of {@code measured} (the plan
     * of the run these times are from) that have a time and an estimate; the key {@code "*"} holds
     * the ratio over all of them.
     */
    public Map<String, Double> ratios(Plan measured) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Stage s : measured.stages()) {
            Double t = seconds.get(s.key());
            if (t == null || s.estimatedSeconds() <= 0 || s.kind().equals(StageKind.MEASURE)) {
                continue;
            }
            for (String k : new String[] {s.kind().name(), "*"}) {
                double[] sum = sums.computeIfAbsent(k, x -> new double[2]);
                sum[0] += t;
                sum[1] += s.estimatedSeconds();
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, v[0] / v[1]));
        return out;
    }

    /**
     * Stage times for {@code target}'s training stages: measured where these times have the stage
     * (same key), else its planner estimate times the measured/estimated ratio of its kind in
     * {@code measured} (or of all kinds, when this run had none of that kind with an estimate); a
     * stage the planner estimates at nothing (a quantization without calibration) gets the mean
     * measured time of its kind (nothing when none was measured).
     */
    public Map<String, Double> predict(Plan target, Plan measured) {
        Map<String, Double> ratio = ratios(measured);
        if (!ratio.containsKey("*")) {
            throw new IllegalArgumentException(
                    "no measured stage of this run is in its plan: cannot calibrate the estimates");
        }
        Map<String, double[]> mean = new HashMap<>();
        for (Stage s : measured.stages()) {
            Double t = seconds.get(s.key());
            if (t != null) {
                double[] m = mean.computeIfAbsent(s.kind().name(), k -> new double[2]);
                m[0] += t;
                m[1]++;
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (Stage s : target.stages()) {
            if (s.kind().equals(StageKind.MEASURE)) {
                continue;
            }
            Double t = seconds.get(s.key());
            double[] m = mean.get(s.kind().name());
            out.put(
                    s.key(),
                    t != null
                            ? t
                            : s.estimatedSeconds() > 0
                                    ? s.estimatedSeconds()
                                            * ratio.getOrDefault(s.kind().name(), ratio.get("*"))
                                    : m == null ? 0.0 : m[0] / m[1]);
        }
        return out;
    }

    /** The kind each measured stage recorded, by key. */
    public Map<String, String> kinds() {
        return kinds;
    }
}
