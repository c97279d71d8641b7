package dev.frontier.exec.run;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.store.TrialRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trial's repeats into one outcome: the mean of every metric, plus the accuracy's spread
 * across seeds.
 */
public final class Aggregation {
    private Aggregation() {}

    static TrialOutcome outcome(
            String id, String name, String technique, List<TrialRecord> repeats) {
        List<TrialRecord> ok = repeats.stream().filter(TrialRecord::ok).toList();
        Map<String, String> params = new LinkedHashMap<>(repeats.get(0).params());
        params.put("repeats", String.valueOf(repeats.size()));
        repeats.get(0)
                .facts()
                .forEach(
                        (k, v) -> {
                            if (!k.equals("model_file")) {
                                params.put(k, v);
                            }
                        });
        if (ok.size() < repeats.size()) {
            TrialRecord first =
                    repeats.stream()
                            .filter(r -> !r.ok() && !r.stopped())
                            .findFirst()
                            .orElseGet(
                                    () ->
                                            repeats.stream()
                                                    .filter(r -> !r.ok())
                                                    .findFirst()
                                                    .orElseThrow());
            return first.stopped()
                    ? TrialOutcome.stopped(id, name, technique, params, first.failure(), Map.of())
                    : TrialOutcome.failed(id, name, technique, params, first.failure());
        }
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String k : ok.get(0).metrics().keySet()) {
            mean.put(
                    k,
                    ok.stream().mapToDouble(r -> r.metrics().get(k)).average().orElse(Double.NaN));
        }
        if (ok.size() > 1) {
            double m = mean.get("accuracy");
            double var =
                    ok.stream().mapToDouble(r -> Math.pow(r.metrics().get("accuracy") - m, 2)).sum()
                            / (ok.size() - 1);
            mean.put("accuracy_std", Math.sqrt(var));
        }
        return TrialOutcome.ok(id, name, technique, params, mean);
    }
}
