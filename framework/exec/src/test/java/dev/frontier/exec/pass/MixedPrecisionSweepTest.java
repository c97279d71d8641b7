package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mixed-precision in a real sweep (synthetic data, mlp 784-75-25-10 at width 0.25): the 58,800
 * weights of fc1 cost about 18.7 kB more at 4 bits than at 2 (entropy-coded file), so a 20,000 B
 * budget holds fc1 at 2 bits while the small layers keep wider codes: the widths are mixed and the
 * written file fits the budget. A 1000 B budget, below the smallest file, fails its trial with that
 * size.
 */
class MixedPrecisionSweepTest {
    @TempDir Path dir;

    static final int BUDGET = 20_000;

    @Test
    void theFileFitsTheBudgetWithMixedWidths() throws IOException {
        Sweep sweep =
                Sweep.builder()
                        .name("mixbits")
                        .dataset("synthetic")
                        .limit(600)
                        .model("mlp")
                        .width(0.25)
                        .seed(11)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1).batchSize(64))
                        .pass(
                                "mixed-precision",
                                p ->
                                        p.set("budgetBytes", BUDGET, 1000)
                                                .set("calibrationSamples", 100))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path run = dir.resolve("run");
        SweepResult r = StoreFaultsTest.runner(dir.resolve("mlruns"), log).run(sweep, run);
        // 1000 B is below the smallest file (every layer at 2 bits): that trial fails, saying so
        assertEquals(1, r.failedTrials(), log.toString());
        TrialRecord failed = byBudget(r, "1000");
        assertTrue(
                !failed.ok()
                        && failed.failure()
                                .contains(
                                        "mixed-precision.budgetBytes is 1000 B, but the smallest model file these"
                                                + " candidates reach is "),
                failed.failure());
        TrialRecord t = byBudget(r, String.valueOf(BUDGET));
        assertTrue(t.ok(), t.failure());
        double size = t.metrics().get("size_bytes");
        assertTrue(size <= BUDGET, size + " B over the budget");
        assertEquals((double) Files.size(Path.of(t.facts().get("model_file"))), size);
        String meta = Files.readString(stageWith(run, "budget_bytes").resolve("stage.yaml"));
        Map<String, Integer> bits = new java.util.LinkedHashMap<>();
        Matcher m =
                Pattern.compile("\\n  (fc\\d): (\\d+)\\n?")
                        .matcher(meta.substring(meta.indexOf("\nbits:")));
        int from = 0;
        while (m.find(from) && bits.size() < 3) {
            bits.put(m.group(1), Integer.valueOf(m.group(2)));
            from = m.end() - 1;
        }
        assertEquals(Set.of("fc1", "fc2", "fc3"), bits.keySet(), meta);
        assertEquals(2, bits.get("fc1"), meta);
        Set<Integer> widths = new TreeSet<>(bits.values());
        assertTrue(widths.size() > 1, "widths not mixed: " + bits);
        Matcher predicted = Pattern.compile("predicted_bytes: (\\d+)").matcher(meta);
        assertTrue(predicted.find(), meta);
        assertTrue(Long.parseLong(predicted.group(1)) <= BUDGET, meta);
        System.out.printf(
                "mixed-precision sweep: bits %s, predicted %s B, file %.0f B (budget %d), acc %.3f%n",
                bits, predicted.group(1), size, BUDGET, t.metrics().get("accuracy"));
    }

    private static TrialRecord byBudget(SweepResult r, String budget) {
        return r.trialRecords().stream()
                .filter(x -> budget.equals(x.params().get("mixed-precision.budgetBytes")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        r.trialRecords().stream()
                                                .map(TrialRecord::params)
                                                .toList()
                                                .toString()));
    }

    static Path stageWith(Path run, String key) throws IOException {
        try (var s = Files.list(run.resolve("stages"))) {
            // a failed stage leaves its unfinished folder (no stage.yaml)
            for (Path d : s.filter(d -> Files.isRegularFile(d.resolve("stage.yaml"))).toList()) {
                if (Files.readString(d.resolve("stage.yaml")).contains("\n" + key + ":")) {
                    return d;
                }
            }
        }
        throw new AssertionError("no stage with " + key + " in " + run);
    }
}
